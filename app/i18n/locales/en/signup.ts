import type { Messages } from '../zh-CN'

const signup: Messages['signup'] = {
  title: 'Sign-ups',
  action: {
    signUp: 'Sign up',
    joinWaitlist: 'Join the waitlist',
    cancel: 'Cancel my place',
    offer: 'Offer my place',
    withdrawOffer: 'Withdraw the offer',
    takeOffer: 'Take this place',
  },
  status: {
    confirmed: 'Signed up',
    waitlisted: 'Waitlist, number {{position}}',
    cancelled: 'Cancelled',
  },
  result: {
    confirmed: 'You are signed up; a confirmation email is on its way',
    waitlisted: 'The shift is full: you are on the waitlist, number {{position}}',
    alreadySignedUp: 'You are already signed up for this shift',
    cancelled: 'Your place is cancelled',
    offered: 'Your place is offered; you keep it until someone takes it',
    offerWithdrawn: 'The offer is withdrawn',
    offerTaken: 'The offered place is yours',
  },
  reason: {
    notVolunteer: 'Only volunteers can sign up for shifts',
    shiftCancelled: 'This shift has been cancelled',
    shiftStarted: 'This shift has already started or ended',
    windowNotOpen: 'Sign-up opens on {{date}}',
    windowClosed: 'Sign-up closed on {{date}}',
    emailNotVerified: 'Please verify your email address first',
    guardianConsentMissing: 'Volunteers under 14 need a guardian’s consent on record first',
    birthDateUnknown: 'This shift requires volunteers aged {{minAge}} or over: add your date of birth to your profile',
    tooYoung: 'This shift requires volunteers aged {{minAge}} or over',
    trainingRequired: 'Requires the “{{training}}” training',
    skillRequired: 'Requires the skill “{{skill}}”',
    insuranceRequired: 'Requires accident insurance for this date ({{date}})',
    overlap: 'Overlaps with your shift at {{place}} ({{startsAt}})',
    alreadySignedUp: 'You are already signed up for this shift',
    wouldWaitlist: 'The shift is full: signing up puts you on the waitlist',
  },
  cancel: {
    tooLate:
      'The shift starts in less than {{hours}} hours, so it can no longer be cancelled online. Please contact {{name}} ({{phone}})',
    tooLateNoContact:
      'The shift starts in less than {{hours}} hours, so it can no longer be cancelled online. Please contact the volunteer coordinator',
    started: 'The shift has started and can no longer be cancelled',
  },
  offer: {
    notConfirmed: 'Only a confirmed place can be offered',
    gone: 'Someone else has taken this place, or the offer was withdrawn',
    ownOffer: 'You cannot take your own place',
    alreadyConfirmed: 'You already have a place on this shift',
  },
  staff: {
    reasonRequired: 'Please give a reason',
    notAVolunteer: 'This account is not a volunteer',
    alreadyOnShift: 'This volunteer is already on the shift',
  },
  capacity: {
    belowConfirmed: 'The capacity cannot be below the {{confirmed}} confirmed volunteers',
    invalid: 'The capacity must be a whole number from 1 to 1000',
  },
  notFound: 'Sign-up not found',
  shiftNotFound: 'Shift not found',
  ics: {
    whatToBring: 'What to bring',
    contact: 'Contact',
    notes: 'Notes',
  },
}

export default signup
