// Stands in for `js-base64` inside fhirclient, with the three functions it uses (PKCE challenge,
// JWT parts, id_token decoding), on the browser's native btoa/atob and TextEncoder/TextDecoder.
function fromUint8Array(bytes, urlsafe) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  const base64 = btoa(binary);
  return urlsafe ? base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '') : base64;
}

function encode(text, urlsafe) {
  return fromUint8Array(new TextEncoder().encode(String(text)), Boolean(urlsafe));
}

function encodeURL(text) {
  return encode(text, true);
}

/** Base64 or base64url, padded or not, to UTF-8 text. */
function decode(input) {
  const base64 = String(input)
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .replace(/[^A-Za-z0-9+/]/g, '');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

module.exports = { fromUint8Array, encode, encodeURL, decode };
