export let loads = 0
loads += 1
