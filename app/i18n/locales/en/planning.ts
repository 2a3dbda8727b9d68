import type { Messages } from '../zh-CN'

const planning: Messages['planning'] = {
  title: 'Shift planning',
}

export default planning
