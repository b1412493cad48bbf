// A small reader of well-formed XML as the office formats write it (.docx parts, OFD pages): a stream of tags and
// text, attributes looked up by name, entities decoded. No DTDs, no external entities — nothing is fetched or expanded,
// so a hostile file cannot make the reader read a local file or expand a billion laughs.

export type Tag = { close: boolean; name: string; attrs: string; selfClosing: boolean } | { text: string };

export function* tokens(xml: string): Generator<Tag> {
  const re = /<(\/?)([\w:.-]+)((?:\s+[^>]*?)?)(\/?)>|<\?[^>]*\?>|<!--[\s\S]*?-->|([^<]+)/g;
  for (const m of xml.matchAll(re)) {
    if (m[5] !== undefined) yield { text: m[5] };
    else if (m[2] !== undefined) yield { close: m[1] === '/', name: m[2], attrs: m[3] ?? '', selfClosing: m[4] === '/' };
  }
}

/** An attribute's value by its whole name (`X` is not found in `DeltaX`), in either kind of quotes. */
export function attr(attrs: string, name: string): string | null {
  const m = new RegExp(`(?:^|\\s)${name.replace(/[.:-]/g, '\\$&')}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attrs);
  return m ? ((m[1] ?? m[2]) as string) : null;
}

export function decode(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-f]+|#\d+);/gi, (_, e: string) => {
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'amp') return '&';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return Number.isFinite(code) ? String.fromCodePoint(code) : '';
  });
}
