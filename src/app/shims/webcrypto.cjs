// Stands in for `isomorphic-webcrypto` inside fhirclient: a shim for browsers without WebCrypto
// (IE11). The app needs a secure context with crypto.subtle for PKCE anyway.
module.exports = { default: globalThis.crypto };
