/** A paragraph in place of a chart, e.g. 当前筛选下没有街道。 (text only, never HTML). */
export function note(text: string): HTMLParagraphElement {
  const p = document.createElement('p');
  p.className = 'empty';
  p.textContent = text;
  return p;
}

/** A heading for a group of charts within a view. */
export function heading(text: string): HTMLHeadingElement {
  const h = document.createElement('h2');
  h.className = 'view-heading';
  h.textContent = text;
  return h;
}
