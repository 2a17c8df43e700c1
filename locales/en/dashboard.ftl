# The agency dashboard, English.
portal = Mahalla portal
nav-submissions = Submissions
nav-monitoring = Monitoring
nav-sign-out = Sign out
sign-in-title = Sign in
sign-in-user = User name
sign-in-password = Password
sign-in-button = Sign in
sign-in-wrong = Wrong user name or password.
sign-in-busy = Many sign-ins are being checked right now. Try again in a moment.
sign-in-throttled = Too many failed sign-ins: try again in 15 minutes, or ask an administrator to set a new password.
error-store = The portal could not read its data. Try again.
error-forbidden = This form was not sent from the portal's own page. Open the page again and send it from there.
error-not-found = No such submission.
error-status = Choose one of the listed statuses.
error-code = That is not a receipt code: it has ten letters and digits, as 000-100-001B, and the last one checks the others. Look at the receipt again.
error-day = Give days as on a calendar, for example 2026-12-07.
list-title = Submissions
filter-code = Receipt code
filter-status = Status
filter-any = any
filter-open = open (not decided)
filter-term = Term
filter-due-soon = due within 3 days
filter-overdue = overdue
filter-service = Service or kind of appeal
filter-mahalla = Mahalla code
filter-district = District
filter-region = Region
filter-from = Handed in from
filter-to = to
filter-order = Order
order-due = soonest due first
order-newest = last received first
filter-button = Show
column-receipt = Receipt
column-mahalla = Mahalla
column-service = Service
column-status = Status
column-submitted = Handed in
column-term = Term
list-none = No submission passes these filters.
export = Download
page-first = First page
page-next = Next page
term-decided = decided
term-due-today = due today, { $date }
term-due = due { $date }, in { $count ->
    [one] { $count } day
   *[other] { $count } days
}
term-overdue = overdue by { $count ->
    [one] { $count } day
   *[other] { $count } days
} (due { $date })
detail-title = Receipt { $code }
detail-language = The resident's language
detail-assisted = With mahalla staff
detail-assisted-by = staff no. { $staff }, identity document checked: { $checked }
yes = yes
no = no
detail-answer = Answer
detail-history = History
detail-new-status = New status
detail-answer-in = Answer (the resident's language: { $language })
detail-extended = Term extended to 30 days: { $user }, { $time }. Reason: { $reason }
extend-reason = Reason for extending the term
extend-button = Extend the term to 30 days
error-reason = Give the reason for extending the term (up to 500 characters).
error-not-appeal = Only an appeal's term (application, proposal, complaint) is extended.
error-extended = This appeal's term was extended before, or it has been decided.
detail-save = Save
monitoring-title = Monitoring
monitoring-terminals = Terminals
monitoring-online = Online
monitoring-waiting = Waiting to be sent
monitoring-quarantined = Quarantined
monitoring-printer-faults = Printer faults
monitoring-catalogue-refused = Catalogue refused
monitoring-last-seen = Last seen
monitoring-today = Today
monitoring-week = Last 7 days
monitoring-places = Places
monitoring-all = The whole country
monitoring-place = Place
monitoring-silent = Silent for over a day
monitoring-handed-in = Handed in, 30 days
monitoring-open = Open
monitoring-overdue = Overdue
monitoring-answered = Answered in 30 days
monitoring-on-time = On time
monitoring-median = Median time to answer
monitoring-services = By service
monitoring-chart = Handed in per day, last 30 days
monitoring-chart-label = { $count ->
    [one] { $count } submission
   *[other] { $count } submissions
} in 30 days, at most { $most } a day
hours = { $count ->
    [one] { $count } hour
   *[other] { $count } hours
}
monitoring-never = never
monitoring-versions = Terminals per version
monitoring-version = Version
monitoring-version-unknown = not reported
monitoring-terminal-list = Terminals
monitoring-terminal = Terminal
monitoring-software-update = Software update
update-idle = no update waiting
update-downloading = downloading, { $percent } %
update-ready = ready to install
update-installing = installing
update-installed = installed, runs from the next restart
update-refused = refused ({ $reason })
update-rolled-back = did not start, back on the version before
minutes-ago = { $count ->
    [one] { $count } minute ago
   *[other] { $count } minutes ago
}
days = { $count ->
    [one] { $count } day
   *[other] { $count } days
}
status-received = Received
status-in-review = In review
status-needs-information = More information needed
status-approved = Approved
status-rejected = Rejected
status-completed = Completed
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
date = { $day } { $month } { $year }
date-time = { $date }, { $time }
