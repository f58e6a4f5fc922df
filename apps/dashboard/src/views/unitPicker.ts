import type { UnitResult } from './ViewContext.ts';

/**
 * A labelled `<select name="unit">` of the given units, street by street (the street, then its
 * communities, indented), optionally with each district first; `onChange` gets the chosen code.
 * Built from text only, so names from the data cannot become markup.
 *
 * @example root.append(unitPicker(rows, 'D01S01', '单位', (code) => draw(code)))
 */
export function unitPicker(
  rows: readonly UnitResult[],
  selected: string,
  label: string,
  onChange: (code: string) => void,
  options: { districts?: boolean } = {},
): HTMLElement {
  const select = document.createElement('select');
  select.name = 'unit';
  const streets = rows.filter((r) => r.level === 'street');
  const streetCodes = new Set(streets.map((s) => s.code));
  // communities whose street is filtered out still get a group of their own
  const orphanStreets = [
    ...new Map(
      rows
        .filter((r) => r.level === 'community' && !streetCodes.has(r.streetCode ?? ''))
        .map((r) => [r.streetCode ?? '', r]),
    ).values(),
  ];
  const groups = [
    ...streets.map((s) => ({
      code: s.code,
      name: s.name,
      district: s.districtCode,
      districtName: s.districtName,
      own: s,
    })),
    ...orphanStreets.map((c) => ({
      code: c.streetCode ?? '',
      name: c.streetName ?? '',
      district: c.districtCode,
      districtName: c.districtName,
      own: null,
    })),
  ].sort((a, b) => a.code.localeCompare(b.code));
  let district = '';
  for (const group of groups) {
    if (options.districts && group.district !== district) {
      district = group.district;
      select.append(option(district, `${group.districtName}(全区)`));
    }
    const optgroup = document.createElement('optgroup');
    optgroup.label = group.name;
    if (group.own) optgroup.append(option(group.code, `${group.name}(街道/乡镇)`));
    for (const c of rows.filter((r) => r.level === 'community' && r.streetCode === group.code))
      optgroup.append(option(c.code, c.name));
    select.append(optgroup);
  }
  select.value = selected;
  select.addEventListener('change', () => onChange(select.value));
  const wrapper = document.createElement('label');
  wrapper.className = 'unit-picker';
  wrapper.append(`${label} `, select);
  return wrapper;
}

/** One `<option>`. */
function option(value: string, text: string): HTMLOptionElement {
  const element = document.createElement('option');
  element.value = value;
  element.textContent = text;
  return element;
}
