import type { Messages } from '../zh-CN'

const signup: Messages['signup'] = {
  title: 'Sign-ups',
}

export default signup
