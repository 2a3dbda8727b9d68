import type { Messages } from '../zh-CN'

const calendar: Messages['calendar'] = {
  title: 'Shift calendar',
}

export default calendar
