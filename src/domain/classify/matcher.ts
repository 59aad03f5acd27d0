/** A term found in a text: where it starts and ends, and what the term carries. */
export interface Match<T> {
  term: string
  start: number
  end: number
  value: T
}

interface Node<T> {
  next: Map<string, Node<T>>
  term?: string
  value?: T
}

const ASCII_LETTER = /[a-z]/

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
    for (const ch of term.split('')) {
      let child = node.next.get(ch)
      if (!child) {
        child = { next: new Map() }
        node.next.set(ch, child)
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
    const first = text[start]!
    if (ASCII_LETTER.test(first) && start > 0 && ASCII_LETTER.test(text[start - 1]!)) return
    let node: Node<T> | undefined = this.root
    let best: Match<T> | undefined
    for (let j = start; j < text.length; j++) {
      node = node.next.get(text[j]!)
      if (!node) break
      if (node.term !== undefined) {
        best = { term: node.term, start, end: j + 1, value: node.value as T }
      }
    }
    return best
  }
}
