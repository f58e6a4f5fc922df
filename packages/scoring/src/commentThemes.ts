import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { commentStopWords } from './commentStopWords.ts';
import { publicMinimumResponses } from './publicResults.ts';

export interface CommentThemeOptions {
  /** How many themes at most; default 12. */
  themes?: number;
  /** Example comments per theme; default 3. */
  examples?: number;
  /** A word fewer comments mention is no theme; default 2 (one resident's word is not a theme). */
  minComments?: number;
}

const defaults = { themes: 12, examples: 3, minComments: 2 };

/** What residents wrote about: words always mentioned together, the comments mentioning them, a few of them. */
export interface CommentTheme {
  /**
   * The theme's words, in the order the first comment has them: words that every one of the
   * same comments mentions make one theme (加装 电梯), and a word only ever found inside a longer
   * one is left to it (停车 in 停车位).
   */
  words: string[];
  /** Comments mentioning them (each comment counts once). */
  comments: number;
  /** Up to `examples` different comments mentioning them, in the order given. */
  examples: string[];
}

/** The themes of a group's comments, or only its size when it is too small to show. */
export type CommentThemes =
  | { suppressed: true; n: number }
  | {
      suppressed: false;
      /** Valid resident responses of the group. */
      n: number;
      /** Of them, those with a comment. */
      comments: number;
      themes: CommentTheme[];
    };

/** Parts of speech a theme can be: nouns, verbs, adjectives, idioms and set phrases (jieba's tags). */
const themeTags = /^(n|v|a|l|i|j)/;

let jieba: Jieba | undefined;

/**
 * The themes of what residents wrote (意见建议): each comment segmented by jieba, function words,
 * stop words (`commentStopWords`), punctuation and single characters left out; the words counted
 * by the comments that mention them, words mentioned by the very same comments made one theme;
 * most mentioned first (ties in code-point order, so the same comments give the same themes).
 * Never for a group of fewer than 10 valid responses (`publicMinimumResponses`): there the answer
 * is only `{ suppressed: true, n }`, as a few comments could tell who wrote them.
 *
 * @example
 * commentThemes(['希望增加停车位', '停车太难了', …], 40)
 * // → { suppressed: false, n: 40, comments: 12, themes: [{ words: ['停车'], comments: 2, examples: […] }, …] }
 */
export function commentThemes(
  comments: readonly string[],
  responses: number,
  options: CommentThemeOptions = {},
): CommentThemes {
  if (responses < publicMinimumResponses) return { suppressed: true, n: responses };
  const { themes, examples, minComments } = { ...defaults, ...options };
  const written = comments.map((c) => c.trim()).filter(Boolean);
  // the comments (by index) mentioning each word, then the words of each such set of comments
  const mentions = new Map<string, number[]>();
  written.forEach((comment, i) => {
    for (const word of themeWords(comment)) {
      const mentioning = mentions.get(word);
      if (mentioning) mentioning.push(i);
      else mentions.set(word, [i]);
    }
  });
  const together = new Map<string, { words: string[]; mentioning: number[] }>();
  for (const [word, mentioning] of mentions) {
    if (mentioning.length < minComments) continue;
    const key = mentioning.join(',');
    const group = together.get(key);
    if (group) group.words.push(word);
    else together.set(key, { words: [word], mentioning });
  }
  return {
    suppressed: false,
    n: responses,
    comments: written.length,
    themes: [...together.values()]
      .map(({ words, mentioning }): CommentTheme => {
        const first = written[mentioning[0]!]!;
        return {
          words: words
            .filter((w) => !words.some((other) => other !== w && other.includes(w)))
            .sort((a, b) => first.indexOf(a) - first.indexOf(b)),
          comments: mentioning.length,
          examples: [...new Set(mentioning.map((i) => written[i]!))].slice(0, examples),
        };
      })
      .sort((a, b) => b.comments - a.comments || byCodePoint(a.words.join(), b.words.join()))
      .slice(0, themes),
  };
}

/**
 * The distinct theme words of one comment: the words jieba tags as nouns, verbs, adjectives or
 * phrases, and the dictionary words that begin or end a compound of four characters or more
 * (垃圾清运 → 垃圾, 清运), so that 垃圾分类 and 垃圾清运 are both heard as being about 垃圾.
 *
 * @example themeWords('垃圾清运能不能再及时一些') // → ['垃圾清运', '垃圾', '清运']
 */
export function themeWords(comment: string): string[] {
  jieba ??= Jieba.withDict(dict);
  const words: string[] = [];
  for (const { word, tag } of jieba.tag(comment)) {
    if (!themeTags.test(tag) || !isThemeWord(word)) continue;
    words.push(word);
    if ([...word].length >= 4)
      words.push(
        ...jieba
          .cutForSearch(word)
          .filter((w) => w !== word && (word.startsWith(w) || word.endsWith(w)) && isThemeWord(w)),
      );
  }
  return [...new Set(words)];
}

/** Two characters or more, and not a stop word. */
function isThemeWord(word: string): boolean {
  return [...word].length >= 2 && !commentStopWords.has(word);
}

/** Code-point order, the same on every machine (no locale). */
function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
