import { Fragment } from 'react'
const extra = { id: 'x', title: 'spread' }
const element = (
  <>
    {['a', 'b'].map((item) => <li key={item} {...extra}>{item}</li>)}
  </>
)
console.log(element.type === Fragment, element.props.children.length, element.props.children[1].key, element.props.children[0].props.title)
