import * as actions from './actions.js' with { layer: 'rsc' }
console.log(Object.keys(actions))
