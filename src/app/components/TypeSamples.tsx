// Text in each type style the card paints first (sizes and weights of its headings, bottom line,
// prompts, big numbers and citations), laid out but never seen while the record loads. The first
// layout of text in a new font size or weight sets that font up, and each letter's metrics at that
// size (in Chromium on Linux, milliseconds in all): done here, during the wait for the EHR, the
// card's first frame finds them ready. The elements carry the card's own classes, so they follow
// its stylesheet.
const SAMPLE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123456789 .,:;!?()[]%/+–-≤≥·…’';

export function TypeSamples() {
  return (
    <div class="type-samples" aria-hidden="true">
      <h2>{SAMPLE}</h2>
      <h3>{SAMPLE}</h3>
      <p>
        <strong>{SAMPLE}</strong>
      </p>
      <ul class="bottom-models">
        <li>{SAMPLE}</li>
      </ul>
      <p class="prompt-question">{SAMPLE}</p>
      <p class="big-number">{SAMPLE}</p>
      <p class="citation">{SAMPLE}</p>
    </div>
  );
}
