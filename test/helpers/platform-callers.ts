// Moved to bot/platforms/emulator/callers.ts (the emulator signs callbacks the same way); kept so tests import it as before.
export * from '../../bot/platforms/emulator/callers.js';
