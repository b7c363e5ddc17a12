'use server'

export async function save() {}
export const remove = async () => {}
export const limit = 3
export function sync() {}
