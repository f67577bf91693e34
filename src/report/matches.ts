// Every match of a global regular expression, as `text.matchAll(re)` lists them, without matchAll's
// copy of the expression: matchAll constructs a new RegExp on each call (V8 initialises it anew,
// about as costly as the matching itself on a short line), and report lines are read by the thousand.

/**
 * The matches of `re` (global, without the `u` flag) in `text`, from its start. `re.lastIndex` is
 * this loop's state: it is reset first and is 0 again when the loop ends.
 */
export function allMatches(re: RegExp, text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    out.push(m);
    if (m[0] === '') re.lastIndex++; // matchAll steps past an empty match in the same way
  }
  return out;
}
