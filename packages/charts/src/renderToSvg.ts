import { parseHTML } from 'linkedom';

/**
 * Renders a chart in Node, without a browser, and returns its markup: an `<svg>` or, when the
 * chart has a title, subtitle, caption or legend, a `<figure>` holding the `<svg>`. The markup is
 * well-formed XML (every `<`, `>`, `&` and `"` from the data escaped, the `<svg>` carrying its
 * namespace), so it can be saved as a file or handed to an SVG rasterizer.
 *
 * @example
 * const markup = renderToSvg(residentScoresByStreet, rows, { district: '370102' });
 */
export function renderToSvg<Row, Options extends { document?: Document }>(
  figure: (rows: readonly Row[], options: Options) => Element,
  rows: readonly Row[],
  options: NoInfer<Omit<Options, 'document'>>,
): string {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const element = figure(rows, {
    ...options,
    document: document as unknown as Document,
  } as Options);
  return serialize(element);
}

const svgNamespace = 'http://www.w3.org/2000/svg';

/** XML markup of a node; linkedom's outerHTML leaves `<` raw inside attribute values. */
export function serialize(node: Node): string {
  if (node.nodeType === 3) return escapeXml(node.textContent ?? '');
  if (node.nodeType !== 1) return '';
  const element = node as Element;
  const tag = element.localName;
  let attributes = '';
  if (tag === 'svg' && !element.hasAttribute('xmlns')) attributes += ` xmlns="${svgNamespace}"`;
  for (const { name, value } of element.attributes) attributes += ` ${name}="${escapeXml(value)}"`;
  const children = [...element.childNodes].map(serialize).join('');
  return children ? `<${tag}${attributes}>${children}</${tag}>` : `<${tag}${attributes}/>`;
}

/** Escapes text or an attribute value for XML (and HTML). */
function escapeXml(text: string): string {
  return text.replace(
    /[&<>"]/g,
    (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' }[c]};`,
  );
}
