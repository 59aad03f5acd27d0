// The staff pages build their DOM with this one helper; text from outside is only ever set as
// textContent (a prop), never as HTML.

/** A new element with properties and children; null, undefined and false children are left out. */
export function el(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props)
  node.append(...children.filter((c) => c !== null && c !== undefined && c !== false))
  return node
}
