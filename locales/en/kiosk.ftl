app-title = Mahalla services terminal
nav-back = Back
nav-home = Home
net-online = Online
net-offline = Offline
net-calm = Applications are kept safely on this terminal and sent automatically.
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
hint-date = Tap to choose the date
review-empty = —

kb-letters = ABC
kb-space = Space
kb-backspace = Delete
kb-enter = Next

review-title = Check your application
review-show = Show my details
review-hide = Hide my details
review-consent = I agree that my personal data is processed to handle this application.
review-consent-needed = Tick the box above to send the application.
review-consent-given = Yes
review-consent-not-given = No
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
receipt-check-later = Check the status at any mahalla terminal with this code, or with your phone by scanning the receipt's QR code.
receipt-check-later-demo = This terminal is not connected to the portal yet: the status can be checked only here, with this code.
receipt-done = Done

printer-paper-end = The printer is out of paper.
printer-cover-open = The printer cover is open.
printer-offline = The printer is not responding.
printer-error = The printer reported a fault.
printer-timeout = The printer did not answer in time. Check that it is switched on and its cable is plugged in.
printer-port-open = The printer port cannot be opened. Check the cable, or choose another port.
printer-bad-reply = The printer answered something unexpected. Check the printer model and the baud rate.
printer-port = The connection to the printer broke off. Check the cable.
printer-unsupported-baud = This port does not support the chosen baud rate. Choose another speed.
printer-printout = The page could not be prepared for this printer. Please tell the technician.

status-code-label = Receipt code
status-code-hint = For example 000-100-001B
status-find = Find
status-intro = Type the code from your receipt on the keyboard below, or hold the receipt's QR code to the scanner.
status-created = Submitted { $date }
status-not-found = No application with this code is known yet. Please check the code on your receipt: an application reaches the portal as soon as the terminal where it was made is online.
status-not-found-offline = This code is not on this terminal, and the portal cannot be reached now to look for it. Please try again later.
status-not-found-here = No application with this code is stored on this terminal. It is not connected to the portal yet, so it cannot look further.
status-checking = Asking the portal…
status-only-here-since = The portal cannot be reached now, so only this terminal's records are shown. The portal was last reached { $date }.
status-only-here = The portal cannot be reached now, so only this terminal's records are shown.
status-not-enrolled = This terminal is not connected to the portal yet, so only its own records are shown.
status-not-yet-at-portal = This application has not reached the portal yet. This terminal sends it as soon as the connection allows.
status-answer-withheld = The agency has answered. To see the answer, hold your receipt's QR code to the scanner, or enter the PINFL you gave in the application.
status-answer-withheld-qr = To see the agency's answer, hold the QR code of your receipt to the scanner.
status-pinfl-label = Your PINFL (14 digits)
status-show-answer = Show the answer
status-print = Print
status-printing = Printing…
status-printed = Take your printout.
status-pinfl-mismatch = This PINFL is not the one given in the application, so the answer is not shown.
status-too-many-tries = A wrong PINFL was entered too many times for this receipt. Try again tomorrow, or hold the receipt's QR code to the scanner.
status-pinfl-not-checked = The portal cannot be reached now to check the PINFL. Try again later, or hold the receipt's QR code to the scanner.
status-next-queued = Your application is saved on this terminal and is sent to the portal as soon as the connection allows.
status-next-sending = Your application is being sent to the portal now.
status-next-delivered = The portal has your application; the agency will review it.
status-next-quarantined = Please ask the mahalla staff: they can see why the portal did not accept it.
status-next-received = The agency has received your application and will review it. Nothing is needed from you now.
status-next-in-review = The agency is reviewing your application. Nothing is needed from you now.
status-next-needs-information = The agency needs more information from you: read its answer and bring what it asks for to the mahalla office.
status-next-approved = Your application is approved. Follow what the agency's answer says.
status-next-rejected = Your application was rejected; the agency's answer gives the reason. The mahalla staff can explain what you can do.
status-next-completed = Your application is completed.
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
error-receipt-qr-shape = This QR code is not from a receipt.
error-receipt-qr-receipt-code = The receipt code in this QR code is not valid.

submit-failed = Your application could not be saved on this terminal. Nothing was sent. Please try again, or ask mahalla staff for help.
portal-status-in-review = In review
portal-status-needs-information = More information needed
portal-status-approved = Approved
portal-status-rejected = Rejected
portal-status-completed = Completed
printer-paper-low = The printer paper is running low: please tell mahalla staff.

## Staff sign-in and menu
emblem = Mahalla emblem
pin-title = Staff sign-in
pin-hint = Type your PIN
pin-label = PIN
pin-ok = OK
pin-clear = Clear
pin-wrong = { $count ->
    [one] Wrong PIN. { $count } more try before the pad locks.
   *[other] Wrong PIN. { $count } more tries before the pad locks.
}
pin-locked = Too many wrong PINs. Try again in { $minutes } min { $seconds } s.
staff-badge = Staff
staff-badge-assisted = Staff-assisted
staff-menu-title = Staff menu
staff-assisted = Assisted submission
staff-assisted-hint = Fill in a form with a resident
staff-queue = Local queue
staff-queue-hint = Codes, services, times and states
staff-queue-empty = Nothing has been submitted on this terminal yet.
staff-sync = Sync
staff-sync-hint = Send now, last result
staff-sync-now = Sync now
staff-sync-last = Last successful sync: { $time }
staff-sync-never = No successful sync yet
staff-sync-error = Last error ({ $time }): { $error }
staff-sync-problem-offline = The portal cannot be reached. Applications wait on the terminal and go as soon as the network is back.
staff-sync-problem-portal-busy = The portal is busy or had a fault. The terminal tries again by itself.
staff-sync-problem-certificate = The portal's certificate is not trusted. Check the terminal's date and time, then call the technician. Applications wait on the terminal.
staff-sync-problem-portal-keys = An answer did not come from this terminal's portal, so nothing is sent. Call the technician. Applications wait on the terminal.
staff-sync-problem-device-key = This terminal's key is missing or is another terminal's, so nothing is sent. Call the technician to restore it from the backup. Applications wait on the terminal.
staff-sync-problem-refused = The portal refused the terminal's request. Call the technician. Applications wait on the terminal.
staff-sync-problem-settings = The terminal's portal settings are not right. Call the technician. Applications wait on the terminal.
staff-sync-problem-records = The terminal's records could not be read or written. Applications handed in are kept; if this stays, call the technician.
staff-sync-problem-other = Sending failed. Applications are kept and the terminal tries again.
staff-sync-waiting = { $count ->
    [one] { $count } application still to send
   *[other] { $count } applications still to send
}
staff-printer = Printer
staff-printer-hint = Reprint a receipt, paper
staff-printer-ready = The printer is ready.
staff-paper-low = The paper roll is nearly used up: put in a new roll soon.
staff-reprint-label = Receipt code to print again
staff-reprint = Print again
staff-reprint-queued = Receipt { $code } will be printed again.
staff-counts = Counts
staff-counts-hint = Today and this week, per service
staff-counts-today = Today
staff-counts-week = This week
staff-counts-none = No submissions.
staff-counts-assisted = { $count ->
    [one] { $count } staff-assisted
   *[other] { $count } staff-assisted
}
staff-sign-out = Sign out
review-identity-checked = I checked the resident's identity document.
error-pin-length = A PIN has 4 to 8 digits.
error-pin-digits = A PIN has only digits.
error-pin-too-simple = Choose a PIN that is not one digit repeated or a run such as 1234.
error-pin-mismatch = The two PINs are not the same.
error-pin-taken = Another staff member already has this PIN.
error-staff-name = Type the staff member's name.
error-staff-name-taken = There is already a staff member with this name.

## First-boot wizard
wizard-step = Step { $count } of 7
wizard-language-title = Language
wizard-network-title = Network check
wizard-portal-title = Portal address
wizard-code-title = Enrolment code
wizard-confirm-title = Confirm the mahalla
wizard-printer-title = Receipt printer
wizard-staff-title = First staff PIN
wizard-next = Next
wizard-finish = Finish
wizard-busy = Please wait…
wizard-check-again = Check again
wizard-check-dns = Name lookup (DNS)
wizard-check-portal = Portal
wizard-check-portal-version = The portal answers (version { $version }).
wizard-check-no-portal = No portal address yet: enter it in the next step.
wizard-check-clock = Clock
wizard-check-clock-offset = The terminal's clock differs from the portal's by { $seconds } s; the terminal corrects for it.
wizard-check-clock-unknown = Known once the portal answers.
wizard-portal-hint = Type the address of the central portal, as the agency gave it, or scan the QR code of the enrolment sheet: it fills in the address and the code.
wizard-portal-label = Portal address
wizard-code-hint = Type the one-time code from the enrolment sheet, or scan the sheet's QR code: it fills in the code and the key fingerprint.
wizard-code-label = Enrolment code
wizard-confirm-question = This code enrols the terminal in:
wizard-confirm-yes = Yes, this mahalla
wizard-confirm-no = No, another code
wizard-printer-search = Search again
wizard-printer-test = Test print
wizard-printer-test-sent = The test page was sent. Check that it printed.
wizard-printer-found = { $model } answers at { $baud } baud
wizard-printer-silent = Nothing answers here.
wizard-printer-none = No printer was found. Check the cable and power, then search again.
wizard-printer-profile = Profile: { $profile }
wizard-printer-skip = Continue without printer
wizard-staff-hint = The first mahalla staff member: a name and a PIN of 4 to 8 digits.
wizard-staff-name = Name
wizard-staff-pin = PIN
wizard-staff-pin-again = PIN again
wizard-error-url = Type an address that starts with https://
wizard-error-unreachable = The portal cannot be reached. Check the network and the address.
wizard-error-portal = The portal gave an unexpected answer. Try again.
wizard-error-code-empty = Type or scan the enrolment code.
wizard-error-code-invalid = The portal does not know this code. Check it and type it again.
wizard-error-code-used = This code was already used. Ask the portal for a new one.
wizard-error-code-expired = This code has expired. Ask the portal for a new one.
wizard-error-already-enrolled = This terminal is already enrolled.

date-day = Day
date-month = Month
date-year = Year
date-clear = Clear
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

net-demo = Demo terminal: not connected to a portal yet. Applications are kept on this terminal.
review-title-assisted = Check the resident's application
review-show-assisted = Show the resident's details
review-hide-assisted = Hide the resident's details
review-consent-assisted = The resident agrees that their personal data is processed to handle this application (confirmed by staff).
review-consent-needed-assisted = Tick the resident's consent above to send the application.

wizard-check-device = Device id
wizard-check-link = Network
wizard-check-no-interface = No network interface found: check the cable or the Wi-Fi adapter.
wizard-link-up = connected
wizard-link-down = switched off
wizard-link-no-cable = no cable
wizard-link-no-address = no IP address

services-search = Search for a service
services-none-found = No service found. Try another word, or ask the mahalla staff.
list-more = More below: swipe up

wizard-check-ok = Passed
wizard-check-failed = Failed

error-text-control-character = Remove the special characters this text contains.
error-text-direction-control = This text contains characters that change the reading direction. Please retype it.

wizard-fingerprint-label = Portal key fingerprint (optional)
wizard-fingerprint-hint = It is printed under the QR code on the enrolment sheet. With it the terminal makes sure it enrols with your portal and not with someone in between. Left empty, nothing checks who answers.
wizard-keys-matched = The portal's keys match the enrolment sheet
wizard-keys-matched-detail = Fingerprint { $keys }
wizard-keys-unchecked = The portal's keys were not checked
wizard-keys-unchecked-detail = No fingerprint was typed. The portal's is { $keys }: compare it with the sheet before you go on.
wizard-keys-unknown-detail = This portal does not show its keys. Enrol only on a network you trust.
wizard-error-keys-mismatch = The portal's keys do not match the enrolment sheet. Someone on this network may be answering in the portal's place. Nothing was saved: check the fingerprint, or enrol on another network and tell the portal's administrator.
wizard-error-fingerprint = A key fingerprint has 16 letters and digits, like 8F3K-T2QX-MW7D-R4NA. Check it, or leave it empty.
wizard-error-plain-http = The terminal talks to the portal only over https://. Type the address with https://.
wizard-error-certificate = The portal's certificate is not trusted: it has expired, it is for another address, or it comes from an unknown authority. Check the address and the terminal's date and time.
wizard-progress-not-saved = This step could not be recorded on the terminal, so after a restart the setup starts again from the beginning. You can go on; if this stays, check the terminal's disk.

staff-records-failed = The terminal's records cannot be read right now. What residents handed in is safe; try again, and if this stays, call the technician.

staff-save-failed = This could not be saved on the terminal. Nothing was changed; try again, and if this stays, call the technician.

## Software updates (staff menu; the version also on the start screen)
app-version = Version
staff-update-install = Update now
staff-update-downloading = Update { $version } is downloading from the portal: { $percent } %.
staff-update-ready-usb = Update { $version } from the USB stick is checked and ready to install.
staff-update-ready-portal = Update { $version } was downloaded from the portal and checked. It installs by itself at { $hour }:00, or install it now.
staff-update-installing = Installing { $version }. The terminal restarts by itself in a few minutes. Do not switch it off. Applications are kept.
staff-update-installed = { $version } is installed.
staff-update-refused = The update was not installed: { $reason } The terminal goes on with the version it runs.
staff-update-rolled-back = { $version } did not start, so the terminal went back to the version before by itself. Applications are kept. Tell the technician.
update-unsigned = the update is not signed.
update-bad-signature = the update's signature does not match the project's key.
update-malformed = the update's description is damaged.
update-wrong-device = the update is for another kind of device.
update-truncated = the update's files are incomplete (write the USB stick again).
update-corrupt = a file of the update is damaged.
update-downgrade = this version is older than the one running.
update-installed = this version already runs.
update-rolled-back = this version did not start before.
update-disk = the terminal's storage could not be written.
update-key = the terminal has no update key.
update-slot = the system partition could not be written.
update-request = the install request could not be read.
update-version = the version number is wrong.
