import { bilingual } from '@manyi/domain/messages';

/** A community code the year's units do not hold (the API answers 404). */
export class UnknownCommunityError extends Error {
  constructor(
    readonly year: number,
    readonly code: string,
  ) {
    super(
      bilingual(
        `${year} 年度测评中没有编码为 ${code} 的社区`,
        `the ${year} campaign has no community with code ${code}`,
      ),
    );
  }
}
