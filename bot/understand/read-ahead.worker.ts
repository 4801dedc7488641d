// The read-ahead thread: understands a line with a fresh date memo and sends the memo back (see read-ahead.ts).
import { parentPort } from 'node:worker_threads';
import { understand } from './intents.js';
import type { DateMemo } from './parse-date.js';
import type { ReadAheadRequest, ReadAheadResponse } from './read-ahead.js';

parentPort!.on('message', (req: ReadAheadRequest) => {
  const memo: DateMemo = new Map();
  let answer: ReadAheadResponse;
  try {
    understand(req.text, { now: new Date(req.now), timeZone: req.timeZone, locale: req.locale, dateMemo: memo });
    answer = { id: req.id, entries: [...memo] };
  } catch (e) {
    answer = { id: req.id, entries: [], error: String((e as Error)?.message ?? e) };
  }
  parentPort!.postMessage(answer);
});
