/** Strings of the planning pages (Simplified Chinese, the source of truth for keys). */
const planning = {
  title: '排班管理',
}

export default planning
