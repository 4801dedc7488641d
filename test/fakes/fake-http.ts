// Moved to bot/platforms/emulator/fakes/fake-http.ts (the emulator runs the same fakes); kept so tests import it as before.
export * from '../../bot/platforms/emulator/fakes/fake-http.js';
