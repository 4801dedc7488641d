// Where recognized speech goes: after what is already written, with a space only where the languages need one.
const CJK = /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/** The text with `spoken` appended, and whether it had to be cut at `max` characters. */
export function appendSpoken(current: string, spoken: string, max: number): { text: string; cut: boolean } {
  const base = current.replace(/\s+$/, '');
  const last = base.slice(-1);
  let sep = ' ';
  if (!base) sep = '';
  else if (/\n\s*$/.test(current)) sep = '\n'; // the writer started a new line: the words go on it
  else if (CJK.test(last) && CJK.test(spoken.charAt(0))) sep = '';
  const whole = base + sep + spoken;
  return { text: whole.slice(0, max), cut: whole.length > max };
}
