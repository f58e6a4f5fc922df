import { ApiError, type ImportSummary, type RowError } from './adminApi.ts';
import { h } from './dom.ts';

/** The instruments a sheet may hold, with their Chinese names (`instrumentNames`). */
const instruments = {
  resident: '居民满意度问卷',
  street_to_community: '街道评社区问卷',
  community_to_street: '社区评街道问卷',
} as const;

/** The media type the API asks for each file extension. */
const mediaTypes: Record<string, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * 纸质问卷导入: a CSV or XLSX sheet of paper questionnaires for one instrument, sent as the raw
 * body. Shows how many were imported (then calls `imported`), or every bad row with its row
 * number, column and message; a refused file imports nothing.
 */
export function importForm(
  year: number,
  imported: (summary: ImportSummary) => Promise<void>,
): HTMLFormElement {
  const instrument = h(
    'select',
    { name: 'instrument' },
    ...Object.entries(instruments).map(([value, label]) => new Option(label, value)),
  );
  const file = h('input', {
    name: 'file',
    type: 'file',
    accept: '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    required: true,
  });
  const result = h('div', { class: 'import-result', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary' }, '上传导入');
  const form = h(
    'form',
    { class: 'card import', id: 'import-form', novalidate: true },
    h('h3', {}, '纸质问卷导入 ', h('span', { class: 'en' }, 'Paper questionnaires')),
    h(
      'p',
      { class: 'note' },
      '上传按模板填写的 CSV 或 XLSX 文件(每行一份问卷)。有任何一行出错时整份文件都不会导入,请按下列行号修改后重新上传。',
    ),
    h('label', {}, '问卷 ', instrument),
    h('label', {}, '文件 ', file),
    submit,
    result,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const chosen = file.files?.[0];
    if (!chosen) {
      result.replaceChildren(h('p', { class: 'error', role: 'alert' }, '请选择 CSV 或 XLSX 文件'));
      return;
    }
    const type = mediaTypes[chosen.name.split('.').pop()?.toLowerCase() ?? ''];
    if (!type) {
      result.replaceChildren(
        h('p', { class: 'error', role: 'alert' }, '只能上传 .csv 或 .xlsx 文件'),
      );
      return;
    }
    submit.disabled = true;
    result.replaceChildren(h('p', {}, `正在导入 ${chosen.name}……`));
    try {
      const outcome = await upload(year, instrument.value, chosen, type);
      if ('errors' in outcome) {
        result.replaceChildren(
          h(
            'p',
            { class: 'error', role: 'alert' },
            `${chosen.name} 有 ${outcome.errors.length} 处错误,未导入任何问卷:`,
          ),
          h(
            'ul',
            { class: 'row-errors' },
            ...outcome.errors.map((e) =>
              h(
                'li',
                { 'data-row': e.row, 'data-field': e.field },
                e.row > 0 ? `第 ${e.row} 行` : '表头',
                e.field ? `「${e.field}」列` : '',
                `:${chinese(e.message)}`,
              ),
            ),
          ),
        );
        return;
      }
      result.replaceChildren(
        h(
          'p',
          { class: 'imported' },
          `已导入 ${outcome.imported} 份问卷(${outcome.communities} 个社区/村)。`,
        ),
      );
      form.reset();
      await imported(outcome);
    } catch (failure) {
      result.replaceChildren(h('p', { class: 'error', role: 'alert' }, (failure as Error).message));
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

/** Sends the file as the raw body; a 400 with row errors is returned, other failures thrown. */
async function upload(
  year: number,
  instrument: string,
  file: File,
  type: string,
): Promise<ImportSummary | { errors: RowError[] }> {
  let response: Response;
  try {
    response = await fetch(
      `/api/v1/imports/${year}/responses?instrument=${encodeURIComponent(instrument)}`,
      {
        method: 'POST',
        cache: 'no-store',
        credentials: 'same-origin',
        headers: {
          accept: 'application/json',
          'content-type': type,
          'x-file-name': encodeURIComponent(file.name),
        },
        body: file,
      },
    );
  } catch {
    throw new ApiError('无法连接服务器,请检查网络', 0);
  }
  let body: { error?: unknown; errors?: RowError[] } & Partial<ImportSummary> = {};
  try {
    body = (await response.json()) as typeof body;
  } catch {
    // not JSON: the status speaks
  }
  if (response.status === 201) return body as ImportSummary;
  if (response.status === 400 && Array.isArray(body.errors)) return { errors: body.errors };
  if (typeof body.error === 'string') throw new ApiError(chinese(body.error), response.status);
  if (response.status === 413) throw new ApiError('文件太大', 413);
  if (response.status === 401) throw new ApiError('请先登录', 401);
  if (response.status === 403) throw new ApiError('您的账号没有此项权限', 403);
  throw new ApiError(`服务器出错(${response.status}),请稍后重试`, response.status);
}

/** The Chinese part of a bilingual "中文 / English" message. */
function chinese(message: string): string {
  return String(message).split(' / ')[0]!;
}
