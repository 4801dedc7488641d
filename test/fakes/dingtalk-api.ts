// Moved to bot/platforms/emulator/fakes/dingtalk-api.ts (the emulator runs the same fakes); kept so tests import it as before.
export * from '../../bot/platforms/emulator/fakes/dingtalk-api.js';
