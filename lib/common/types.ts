/** How `describeError` words an error. */
interface DescribeErrorOptions {
  /** Start with the error's name: `TypeError: …`. */
  readonly name?: boolean;
  /** Follow `cause` (four errors at most), leaving out repeated messages. */
  readonly causes?: boolean;
  /**
   * What a thrown value that is not an Error becomes; its text by default.
   * Give a fixed text where the value could be a secret.
   */
  readonly other?: string;
}

export type { DescribeErrorOptions };
