/** A term found in a text: where it starts and ends, and what the term carries. */
export interface Match<T> {
  term: string
  start: number
  end: number
  value: T
}

// keyed by UTF-16 code unit: number keys hash faster than one-character strings
interface Node<T> {
  next: Map<number, Node<T>>
  term?: string
  value?: T
}

const isAsciiLetter = (code: number) => code >= 0x61 && code <= 0x7a

/**
 * A trie over many terms that finds their leftmost-longest, non-overlapping occurrences, so a
 * longer decoy (空气净化器) hides the shorter term inside it (空气). ASCII terms match only at
 * a word start, so "bar" is not found inside "crowbar".
 */
export class TermMatcher<T> {
  private readonly root: Node<T> = { next: new Map() }

  constructor(entries: Iterable<[string, T]>) {
    for (const [term, value] of entries) this.add(term, value)
  }

  private add(term: string, value: T): void {
    let node = this.root
    // code units, not code points, to walk the same way findAll does
    for (let i = 0; i < term.length; i++) {
      const code = term.charCodeAt(i)
      let child = node.next.get(code)
      if (!child) {
        child = { next: new Map() }
        node.next.set(code, child)
      }
      node = child
    }
    node.term = term
    node.value = value
  }

  findAll(text: string): Match<T>[] {
    const found: Match<T>[] = []
    let i = 0
    while (i < text.length) {
      const best = this.longestAt(text, i)
      if (best) {
        found.push(best)
        i = best.end
      } else {
        i += 1
      }
    }
    return found
  }

  private longestAt(text: string, start: number): Match<T> | undefined {
    const first = text.charCodeAt(start)
    if (isAsciiLetter(first) && start > 0 && isAsciiLetter(text.charCodeAt(start - 1))) return
    let node: Node<T> | undefined = this.root
    let best: Match<T> | undefined
    for (let j = start; j < text.length; j++) {
      node = node.next.get(text.charCodeAt(j))
      if (!node) break
      if (node.term !== undefined) {
        best = { term: node.term, start, end: j + 1, value: node.value as T }
      }
    }
    return best
  }
}
