/** Strings of the calendar pages (Simplified Chinese, the source of truth for keys). */
const calendar = {
  title: '志愿岗位日历',
}

export default calendar
