/** A message for users: zh-CN first, English second (one string, "中文 / English"). */
export function bilingual(zh: string, en: string): string {
  return `${zh} / ${en}`;
}

/** One bad field of a request or a row of a file; `field` is the question or column name. */
export interface FieldError {
  field: string;
  message: string;
  row?: number;
}
