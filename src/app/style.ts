// Applies the EHR's smart_style_url styles as CSS custom properties (CSSOM, so the strict CSP
// holds). Only values that look like colours, sizes or font lists are taken.
const KEYS: Record<string, RegExp> = {
  color_background: /^#[0-9a-f]{3,8}$|^rgba?\([\d\s.,%]+\)$/i,
  color_text: /^#[0-9a-f]{3,8}$|^rgba?\([\d\s.,%]+\)$/i,
  color_highlight: /^#[0-9a-f]{3,8}$|^rgba?\([\d\s.,%]+\)$/i,
  color_error: /^#[0-9a-f]{3,8}$|^rgba?\([\d\s.,%]+\)$/i,
  color_success: /^#[0-9a-f]{3,8}$|^rgba?\([\d\s.,%]+\)$/i,
  dim_border_radius: /^\d+(\.\d+)?(px|em|rem)$/,
  dim_font_size: /^\d+(\.\d+)?(px|em|rem)$/,
  dim_spacing_size: /^\d+(\.\d+)?(px|em|rem)$/,
  font_family_body: /^[\w\s,"'-]{1,200}$/,
  font_family_heading: /^[\w\s,"'-]{1,200}$/,
};

export function smartStyleProperties(style: unknown): [string, string][] {
  if (typeof style !== 'object' || style === null) return [];
  const out: [string, string][] = [];
  for (const [key, pattern] of Object.entries(KEYS)) {
    const value = (style as Record<string, unknown>)[key];
    if (typeof value === 'string' && pattern.test(value.trim()))
      out.push([`--smart-${key.replace(/_/g, '-')}`, value.trim()]);
  }
  return out;
}

export function applySmartStyle(style: unknown, root: HTMLElement = document.documentElement): void {
  for (const [name, value] of smartStyleProperties(style)) root.style.setProperty(name, value);
}
