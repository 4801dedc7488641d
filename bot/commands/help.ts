import { markdown, reply, type Command } from './command.js';

export const helpCommand: Command<'help'> = {
  intent: 'help',
  run: (c, turn) => reply(c, turn, markdown('bot.help')),
};

export const unknownCommand: Command<'unknown'> = {
  intent: 'unknown',
  run: (c, turn) => reply(c, turn, markdown('bot.unknown')),
};
