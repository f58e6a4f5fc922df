/** The printed pages' red (a 党政 red that prints well in grey too) and their secondary grey. */
export const accent = '#b3261e';
export const muted = '#555555';

/** An A4 portrait page in millimetres (user unit = 1 mm), white, holding these elements. */
export function a4Page(elements: readonly string[]): string {
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" width="210mm" height="297mm" viewBox="0 0 210 297">',
    '<rect x="0" y="0" width="210" height="297" fill="#ffffff"/>',
    ...elements,
    '</svg>',
  ].join('\n');
}
