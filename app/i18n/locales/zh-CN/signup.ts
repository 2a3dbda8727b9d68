/** Strings of the signup pages (Simplified Chinese, the source of truth for keys). */
const signup = {
  title: '报名',
}

export default signup
