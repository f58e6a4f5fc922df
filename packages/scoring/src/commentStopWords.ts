/**
 * Words that say nothing about what residents want, left out of comment themes: function words,
 * the wording of a suggestion itself (希望, 建议, 意见 …), the subject every comment shares (社区,
 * 村), and answers that mean "nothing to add" (无, 没有). Punctuation, digits and single
 * characters are left out by `commentThemes` itself. Kept short on purpose: a word that
 * carries meaning in a resident's comment (停车, 电梯, 垃圾) must never land here.
 */
export const commentStopWords: ReadonlySet<string> = new Set(
  `
  的 了 是 在 和 与 及 或 也 都 就 还 再 又 很 太 更 最 比较 非常 特别 有点 一点 一些 一下 一个 一次
  我 我们 你 你们 他 他们 她 它 大家 自己 这 那 这个 那个 这些 那些 这样 那样 这里 那里 哪里 什么 怎么 如何
  希望 建议 意见 看法 要求 请求 能否 能不能 可不可以 可以 能够 能 不能 应该 需要 要 想 想要
  没有 没 无 暂无 没什么 不 不是 有 有的 还是 就是 但是 但 因为 所以 如果 而且 并且 以及 然后 已经 经常 总是
  社区 村 村里 社区里 工作 问题 情况 方面 事情 东西 时候 现在 目前 以后 今后 以前 之前
  好 很好 挺好 继续 保持 进一步 加强 提高 做好 一步 多多 适当 尽量 及时
  `
    .split(/\s+/)
    .filter(Boolean),
);
