app-title = Mahalla services terminal
nav-back = Back
nav-home = Home
net-online = Online
net-offline = Offline
net-waiting = { $count ->
    [one] { $count } application waiting to be sent
   *[other] { $count } applications waiting to be sent
}

start-welcome = Welcome!
start-choose-language = Choose your language
start-begin = Start
a11y-large-text = Larger text
a11y-normal-text = Normal text
a11y-high-contrast = High contrast
a11y-normal-contrast = Normal colours

home-title = How can we help you?
home-services = Public services
home-services-hint = Information, applications and certificates
home-appeals = Appeals
home-appeals-hint = Send an application, a proposal or a complaint
home-check = Check my application
home-check-hint = Type or scan the code on your receipt

services-title = Public services
appeals-title = Appeals
appeals-intro = Your appeal is registered at once and sent to the mahalla or the khokimiyat. Keep your receipt to follow it.

kind-informational = Information only
kind-interactive = Apply here, collect the result at the office
kind-transactional = Fully online
card-agency = Responsible body
card-term = Term
card-where = Where to go
card-hours = Opening hours
card-fee = Fee
card-documents = Documents you need
card-next-steps = What happens next
card-apply = Apply
card-informational = This service needs no application here: go to the address above with your documents.
fee-free = Free of charge
fee-at-office = At the office: { $amount } soʻm
fee-via-portal = Through the portal: { $amount } soʻm (10 % less)
fee-disability = Through the portal for people with disabilities: { $amount } soʻm
term-same-day = The same day
term-days = { $count ->
    [one] { $count } working day
   *[other] { $count } working days
}

form-next = Continue
form-has-errors = Please correct the fields marked in red.
hint-pinfl = 14 digits, from your ID card
hint-passport = For example AA1234567
hint-phone = +998 90 123 45 67
hint-date = DD.MM.YYYY
review-empty = —

kb-letters = ABC
kb-space = Space
kb-backspace = Delete
kb-enter = Next

review-title = Check your application
review-consent = I agree that my personal data is processed to handle this application.
review-edit = Change
review-submit = Send

submitting-title = Saving your application…
submitting-hint = This takes a moment. Please wait.

receipt-title = Your application is registered
receipt-code-label = Your receipt code
receipt-printing = Printing your receipt…
receipt-printed = Take your printed receipt.
receipt-print-failed = The receipt could not be printed.
receipt-print-failed-next = Please write the code down. Your application is saved; mahalla staff will reprint the receipt.
receipt-offline = The terminal is offline: your application is saved here and will be sent as soon as the connection returns.
receipt-next-steps = What happens next
receipt-check-later = You can check the status at any terminal with this code.
receipt-done = Done

printer-paper-out = The printer is out of paper.
printer-cover-open = The printer cover is open.
printer-offline = The printer is not responding.
printer-error = The printer reported a fault.

status-code-label = Receipt code
status-code-hint = For example 000-100-001B
status-find = Find
status-intro = Type the code from your receipt on the keyboard below, or hold the receipt's QR code to the scanner.
status-not-found = No application with this code is stored on this terminal.
status-created = Submitted { $date }
state-queued = Saved on the terminal, waiting to be sent
state-sending = Being sent to the portal
state-delivered = Delivered to the portal
state-quarantined = The portal could not accept it; mahalla staff will help you

idle-title = Are you still there?
idle-countdown = { $count ->
    [one] Everything you typed will be cleared in { $count } second.
   *[other] Everything you typed will be cleared in { $count } seconds.
}
idle-continue = Yes, continue

error-field-required = Please fill in this field.
error-field-too-short = Too short: at least { $min } characters.
error-field-too-long = Too long: at most { $max } characters.
error-field-unknown = This field is not part of the form.
error-date-format = Type the date as DD.MM.YYYY.
error-date-in-future = The date cannot be in the future.
error-date-in-past = The date cannot be in the past.
error-choice-not-an-option = Choose one of the options.
error-pinfl-empty = Type your PINFL.
error-pinfl-not-digits = The PINFL has digits only.
error-pinfl-length = The PINFL has exactly 14 digits.
error-pinfl-century = The first digit of a PINFL is 1 to 6.
error-pinfl-birth-date = Digits 2 to 7 must be your birth date (DDMMYY).
error-pinfl-check-digit = This PINFL has a typing error: check every digit.
error-passport-empty = Type your passport or ID-card number.
error-passport-length = Two letters and seven digits, for example AA1234567.
error-passport-series = The number starts with two Latin letters.
error-passport-number = The two letters are followed by seven digits.
error-phone-empty = Type your phone number.
error-phone-invalid-character = A phone number has digits only.
error-phone-country-code = Only Uzbek numbers (+998) are accepted.
error-phone-length = An Uzbek number has 9 digits after +998.
error-receipt-code-empty = Type the code from your receipt.
error-receipt-code-invalid-character = The code has a character that receipts never use.
error-receipt-code-length = A receipt code has 10 characters.
error-receipt-code-check-character = This code has a typing error: check every character.
error-receipt-code-device-out-of-range = This is not a receipt code.
error-receipt-code-sequence-out-of-range = This is not a receipt code.

submit-failed = Your application could not be saved on this terminal. Nothing was sent. Please try again, or ask mahalla staff for help.
status-unavailable = The status cannot be read right now. Please try again in a moment.
portal-status-in-review = In review
portal-status-needs-information = More information needed
portal-status-approved = Approved
portal-status-rejected = Rejected
portal-status-completed = Completed
