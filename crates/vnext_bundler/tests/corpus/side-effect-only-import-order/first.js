globalThis.log = (globalThis.log || []).concat('first')
