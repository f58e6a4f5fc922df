/**
 * Chinese names of the resident questionnaire's dimensions by code, for the heat map's
 * columns. The results rows carry only the codes (`dimensions`), and no API route returns the
 * instrument's names to a signed-in reader yet, so these mirror data/instruments/resident.json;
 * a code not listed here is shown as is.
 */
export const dimensionNames: Readonly<Record<string, string>> = {
  service: '便民服务',
  environment: '环境卫生',
  safety: '平安法治',
  participation: '居民参与与自治',
  conduct: '干部作风与公开透明',
};
