app-title = Маҳалла хизматлари терминали
nav-back = Орқага
nav-home = Бош саҳифа
net-online = Алоқа бор
net-offline = Алоқа йўқ
net-calm = Аризалар шу терминалда хавфсиз сақланади ва автоматик юборилади.
net-waiting = { $count ->
    [one] { $count } та ариза юборилишини кутмоқда
   *[other] { $count } та ариза юборилишини кутмоқда
}

start-welcome = Хуш келибсиз!
start-choose-language = Тилни танланг
start-begin = Бошлаш
a11y-large-text = Каттароқ ёзув
a11y-normal-text = Оддий ёзув
a11y-high-contrast = Юқори контраст
a11y-normal-contrast = Оддий ранглар

home-title = Сизга қандай ёрдам бера оламиз?
home-services = Давлат хизматлари
home-services-hint = Маълумот, аризалар ва маълумотномалар
home-appeals = Мурожаатлар
home-appeals-hint = Ариза, таклиф ёки шикоят юборинг
home-check = Аризамни текшириш
home-check-hint = Квитанциядаги кодни киритинг ёки сканерланг

services-title = Давлат хизматлари
appeals-title = Мурожаатлар
appeals-intro = Мурожаатингиз дарҳол рўйхатга олинади ва маҳаллага ёки ҳокимликка юборилади. Уни кузатиб бориш учун квитанцияни сақлаб қўйинг.

kind-informational = Фақат маълумот
kind-interactive = Ариза шу ерда берилади, натижа идорадан олинади
kind-transactional = Тўлиқ онлайн
card-agency = Масъул идора
card-term = Муддати
card-where = Қаерга бориш керак
card-hours = Иш вақти
card-fee = Тўлов
card-documents = Керакли ҳужжатлар
card-next-steps = Кейин нима бўлади
card-apply = Ариза бериш
card-informational = Бу хизмат учун бу ерда ариза бериш шарт эмас: ҳужжатларингиз билан юқоридаги манзилга боринг.
fee-free = Бепул
fee-at-office = Идорада: { $amount } сўм
fee-via-portal = Портал орқали: { $amount } сўм (10 % арзонроқ)
fee-disability = Ногиронлиги бўлган шахслар учун портал орқали: { $amount } сўм
term-same-day = Шу куннинг ўзида
term-days = { $count ->
    [one] { $count } иш куни
   *[other] { $count } иш куни
}

form-next = Давом этиш
form-has-errors = Илтимос, қизил ранг билан белгиланган майдонларни тузатинг.
hint-pinfl = ЖШШИР (ПИНФЛ) — ID-картангиздаги 14 хонали рақам
hint-passport = Масалан, AA1234567
hint-phone = +998 90 123 45 67
hint-date = Санани танлаш учун босинг
review-empty = —

kb-letters = АБВ
kb-space = Бўш жой
kb-backspace = Ўчириш
kb-enter = Кейинги

review-title = Аризангизни текширинг
review-show = Маълумотларимни кўрсатиш
review-hide = Маълумотларимни яшириш
review-consent = Ушбу аризани кўриб чиқиш учун шахсга доир маълумотларимга ишлов берилишига розиман.
review-consent-needed = Аризани юбориш учун юқоридаги катакчани белгиланг.
review-consent-given = Ҳа
review-consent-not-given = Йўқ
review-edit = Ўзгартириш
review-submit = Юбориш

submitting-title = Аризангиз сақланмоқда…
submitting-hint = Бу бироз вақт олади. Илтимос, кутинг.

receipt-title = Аризангиз рўйхатга олинди
receipt-code-label = Квитанция кодингиз
receipt-printing = Квитанция чоп этилмоқда…
receipt-printed = Чоп этилган квитанцияни олинг.
receipt-print-failed = Квитанцияни чоп этиб бўлмади.
receipt-print-failed-next = Илтимос, кодни ёзиб олинг. Аризангиз сақланди; маҳалла ходимлари квитанцияни қайта чоп этиб беришади.
receipt-offline = Терминалда алоқа йўқ: аризангиз шу ерда сақланди ва алоқа тикланиши биланоқ юборилади.
receipt-next-steps = Кейин нима бўлади
receipt-check-later = Ҳолатини исталган маҳалла терминалида ушбу код билан ёки телефонингиз билан квитанциядаги QR кодни сканерлаб текширишингиз мумкин.
receipt-check-later-demo = Бу терминал ҳали порталга уланмаган: ҳолатни фақат шу ерда, ушбу код билан текшириш мумкин.
receipt-done = Тайёр

printer-paper-end = Принтерда қоғоз тугади.
printer-cover-open = Принтер қопқоғи очиқ.
printer-offline = Принтер жавоб бермаяпти.
printer-error = Принтерда носозлик юз берди.
printer-timeout = Принтер ўз вақтида жавоб бермади. Ёқилганини ва кабели уланганини текширинг.
printer-port-open = Принтер порти очилмади. Кабелни текширинг ёки бошқа портни танланг.
printer-bad-reply = Принтер кутилмаган жавоб берди. Принтер модели ва тезлигини текширинг.
printer-port = Принтер билан алоқа узилди. Кабелни текширинг.
printer-unsupported-baud = Бу порт танланган тезликни қўлламайди. Бошқа тезликни танланг.
printer-printout = Саҳифани бу принтер учун тайёрлаб бўлмади. Техник ходимга хабар беринг.

status-code-label = Квитанция коди
status-code-hint = Масалан, 000-100-001B
status-find = Қидириш
status-intro = Квитанциядаги кодни қуйидаги клавиатурада киритинг ёки квитанциядаги QR кодни сканерга тутинг.
status-created = Юборилган сана: { $date }
status-not-found = Бундай кодли ариза ҳозирча топилмади. Квитанциядаги кодни текширинг: ариза у берилган терминал алоқага чиқиши билан порталга етиб боради.
status-not-found-offline = Бу код ушбу терминалда йўқ, портал билан эса ҳозир алоқа йўқ. Илтимос, кейинроқ қайта уриниб кўринг.
status-not-found-here = Бу терминалда бундай кодли ариза йўқ. Терминал ҳали порталга уланмаган, шунинг учун бошқа жойдан қидира олмайди.
status-checking = Порталдан сўралмоқда…
status-only-here-since = Портал билан ҳозир алоқа йўқ, шунинг учун фақат шу терминалдаги маълумот кўрсатилмоқда. Портал билан охирги алоқа: { $date }.
status-only-here = Портал билан ҳозир алоқа йўқ, шунинг учун фақат шу терминалдаги маълумот кўрсатилмоқда.
status-not-enrolled = Бу терминал ҳали порталга уланмаган, шунинг учун фақат унинг ўз маълумотлари кўрсатилмоқда.
status-not-yet-at-portal = Бу ариза ҳали порталга етиб бормаган. Терминал уни алоқа тикланиши билан юборади.
status-answer-withheld = Идора жавоб берди. Жавобни кўриш учун квитанциядаги QR кодни сканерга тутинг ёки аризада кўрсатган ЖШШИРингизни киритинг.
status-answer-withheld-qr = Идора жавобини кўриш учун квитанциядаги QR кодни сканерга тутинг.
status-pinfl-label = ЖШШИР (14 та рақам)
status-show-answer = Жавобни кўрсатиш
status-print = Чоп этиш
status-printing = Чоп этилмоқда…
status-printed = Чоп этилган варақни олинг.
status-pinfl-mismatch = Бу ЖШШИР аризада кўрсатилганига мос келмади, шунинг учун жавоб кўрсатилмайди.
status-too-many-tries = Бу квитанция учун нотўғри ЖШШИР жуда кўп марта киритилди. Эртага қайта уриниб кўринг ёки квитанциядаги QR кодни сканерга тутинг.
status-pinfl-not-checked = ЖШШИРни текшириш учун портал билан ҳозир алоқа йўқ. Кейинроқ уриниб кўринг ёки квитанциядаги QR кодни сканерга тутинг.
status-next-queued = Аризангиз шу терминалда сақланган ва алоқа тикланиши билан порталга юборилади.
status-next-sending = Аризангиз ҳозир порталга юборилмоқда.
status-next-delivered = Аризангиз порталда; идора уни кўриб чиқади.
status-next-quarantined = Илтимос, маҳалла ходимларига мурожаат қилинг: улар портал нега қабул қилмаганини кўра олади.
status-next-received = Идора аризангизни қабул қилди ва кўриб чиқади. Ҳозирча сиздан ҳеч нарса талаб қилинмайди.
status-next-in-review = Идора аризангизни кўриб чиқмоқда. Ҳозирча сиздан ҳеч нарса талаб қилинмайди.
status-next-needs-information = Идорага сиздан қўшимча маълумот керак: жавобини ўқинг ва сўралганини маҳалла идорасига олиб келинг.
status-next-approved = Аризангиз маъқулланди. Идора жавобида айтилганларга амал қилинг.
status-next-rejected = Аризангиз рад этилди; сабаби идора жавобида. Маҳалла ходимлари нима қилиш мумкинлигини тушунтириб беришади.
status-next-completed = Аризангиз бўйича иш якунланди.
state-queued = Терминалда сақланди, юборилиши кутилмоқда
state-sending = Порталга юборилмоқда
state-delivered = Порталга етказилди
state-quarantined = Портал уни қабул қила олмади; маҳалла ходимлари сизга ёрдам беришади

idle-title = Ҳали шу ердамисиз?
idle-countdown = { $count ->
    [one] Киритган барча маълумотларингиз { $count } сониядан сўнг ўчирилади.
   *[other] Киритган барча маълумотларингиз { $count } сониядан сўнг ўчирилади.
}
idle-continue = Ҳа, давом этиш

error-field-required = Илтимос, бу майдонни тўлдиринг.
error-field-too-short = Жуда қисқа: камида { $min } та белги бўлиши керак.
error-field-too-long = Жуда узун: кўпи билан { $max } та белги бўлиши мумкин.
error-field-unknown = Бу майдон ариза шаклига тегишли эмас.
error-date-format = Санани КК.ОО.ЙЙЙЙ кўринишида киритинг.
error-date-in-future = Сана келажакда бўлиши мумкин эмас.
error-date-in-past = Сана ўтмишда бўлиши мумкин эмас.
error-choice-not-an-option = Вариантлардан бирини танланг.
error-pinfl-empty = ЖШШИРни киритинг.
error-pinfl-not-digits = ЖШШИР фақат рақамлардан иборат.
error-pinfl-length = ЖШШИР айнан 14 та рақамдан иборат.
error-pinfl-century = ЖШШИРнинг биринчи рақами 1 дан 6 гача бўлади.
error-pinfl-birth-date = 2-рақамдан 7-рақамгача туғилган санангиз бўлиши керак (ККООЙЙ).
error-pinfl-check-digit = ЖШШИРда хато бор: ҳар бир рақамни текширинг.
error-passport-empty = Паспорт ёки ID-карта рақамини киритинг.
error-passport-length = Икки ҳарф ва етти рақам, масалан, AA1234567.
error-passport-series = Рақам иккита лотин ҳарфи билан бошланади.
error-passport-number = Икки ҳарфдан кейин етти рақам келади.
error-phone-empty = Телефон рақамингизни киритинг.
error-phone-invalid-character = Телефон рақамида фақат рақамлар бўлади.
error-phone-country-code = Фақат Ўзбекистон рақамлари (+998) қабул қилинади.
error-phone-length = Ўзбекистон рақамида +998 дан кейин 9 та рақам бўлади.
error-receipt-code-empty = Квитанциядаги кодни киритинг.
error-receipt-code-invalid-character = Кодда квитанцияларда ишлатилмайдиган белги бор.
error-receipt-code-length = Квитанция коди 10 та белгидан иборат.
error-receipt-code-check-character = Кодда хато бор: ҳар бир белгини текширинг.
error-receipt-code-device-out-of-range = Бу квитанция коди эмас.
error-receipt-code-sequence-out-of-range = Бу квитанция коди эмас.
error-receipt-qr-shape = Бу QR код квитанцияники эмас.
error-receipt-qr-receipt-code = QR коддаги квитанция коди яроқсиз.

submit-failed = Аризангизни ушбу терминалда сақлаб бўлмади. Ҳеч нарса юборилмади. Илтимос, қайта уриниб кўринг ёки маҳалла ходимига мурожаат қилинг.
portal-status-in-review = Кўриб чиқилмоқда
portal-status-needs-information = Қўшимча маълумот керак
portal-status-approved = Маъқулланди
portal-status-rejected = Рад этилди
portal-status-completed = Бажарилди
printer-paper-low = Принтерда қоғоз тугаб қолмоқда: илтимос, маҳалла ходимига айтинг.

## Staff sign-in and menu
emblem = Маҳалла герби
pin-title = Ходимлар учун кириш
pin-hint = PIN-кодни киритинг
pin-label = PIN-код
pin-ok = OK
pin-clear = Тозалаш
pin-wrong = { $count ->
   *[other] PIN-код нотўғри. Блокланишгача яна { $count } та уриниш қолди.
}
pin-locked = Нотўғри PIN-код жуда кўп киритилди. { $minutes } дақиқа { $seconds } сониядан кейин қайта уриниб кўринг.
staff-badge = Ходим
staff-badge-assisted = Ходим ёрдамида
staff-menu-title = Ходим менюси
staff-assisted = Ходим ёрдамида ариза
staff-assisted-hint = Фуқаро билан бирга шаклни тўлдириш
staff-queue = Маҳаллий навбат
staff-queue-hint = Кодлар, хизматлар, вақт ва ҳолат
staff-queue-empty = Бу терминалда ҳали ҳеч нарса юборилмаган.
staff-sync = Синхронлаш
staff-sync-hint = Ҳозир юбориш, охирги натижа
staff-sync-now = Ҳозир синхронлаш
staff-sync-last = Охирги муваффақиятли синхронлаш: { $time }
staff-sync-never = Ҳали муваффақиятли синхронлаш бўлмаган
staff-sync-error = Охирги хато ({ $time }): { $error }
staff-sync-problem-offline = Портал билан боғланиб бўлмаяпти. Аризалар терминалда кутади ва тармоқ тикланиши билан жўнатилади.
staff-sync-problem-portal-busy = Портал банд ёки унда носозлик бўлди. Терминал ўзи қайта уринади.
staff-sync-problem-certificate = Портал сертификатига ишониб бўлмайди. Терминалнинг сана ва вақтини текширинг, сўнг техникни чақиринг. Аризалар терминалда кутади.
staff-sync-problem-portal-keys = Жавоб бу терминалнинг порталидан келмади, шунинг учун ҳеч нарса жўнатилмайди. Техникни чақиринг. Аризалар терминалда кутади.
staff-sync-problem-device-key = Терминал калити йўқ ёки бошқа терминалники, шунинг учун ҳеч нарса жўнатилмайди. Уни захира нусхадан тиклаш учун техникни чақиринг. Аризалар терминалда кутади.
staff-sync-problem-refused = Портал терминал сўровини рад этди. Техникни чақиринг. Аризалар терминалда кутади.
staff-sync-problem-settings = Терминалдаги портал созламалари нотўғри. Техникни чақиринг. Аризалар терминалда кутади.
staff-sync-problem-records = Терминал ёзувларини ўқиб ёки ёзиб бўлмади. Топширилган аризалар сақланган; бу такрорланса, техникни чақиринг.
staff-sync-problem-other = Жўнатиб бўлмади. Аризалар сақланган, терминал яна уринади.
staff-sync-waiting = { $count ->
   *[other] Яна { $count } та ариза юборилиши керак
}
staff-printer = Принтер
staff-printer-hint = Квитанцияни қайта чоп этиш, қоғоз
staff-printer-ready = Принтер тайёр.
staff-paper-low = Қоғоз деярли тугади: тез орада янги рулон қўйинг.
staff-reprint-label = Қайта чоп этиладиган квитанция коди
staff-reprint = Қайта чоп этиш
staff-reprint-queued = { $code } квитанцияси қайта чоп этилади.
staff-counts = Ҳисобот
staff-counts-hint = Бугун ва шу ҳафта, хизматлар бўйича
staff-counts-today = Бугун
staff-counts-week = Шу ҳафта
staff-counts-none = Аризалар йўқ.
staff-counts-assisted = { $count ->
   *[other] { $count } таси ходим ёрдамида
}
staff-sign-out = Чиқиш
review-identity-checked = Фуқаронинг шахсини тасдиқловчи ҳужжатни текширдим.
error-pin-length = PIN-код 4–8 та рақамдан иборат.
error-pin-digits = PIN-кодда фақат рақамлар бўлади.
error-pin-too-simple = Бир хил рақамлардан ёки 1234 каби кетма-кет рақамлардан иборат бўлмаган PIN-код танланг.
error-pin-mismatch = Икки PIN-код бир хил эмас.
error-pin-taken = Бу PIN-код бошқа ходимда бор.
error-staff-name = Ходимнинг исмини киритинг.
error-staff-name-taken = Бу исмли ходим аллақачон бор.

## First-boot wizard
wizard-step = { $count }-қадам (7 тадан)
wizard-language-title = Тил
wizard-network-title = Тармоқни текшириш
wizard-portal-title = Портал манзили
wizard-code-title = Рўйхатдан ўтиш коди
wizard-confirm-title = Маҳаллани тасдиқланг
wizard-printer-title = Квитанция принтери
wizard-staff-title = Биринчи ходим PIN-коди
wizard-next = Кейинги
wizard-finish = Тайёр
wizard-busy = Кутинг…
wizard-check-again = Қайта текшириш
wizard-check-dns = Номни аниқлаш (DNS)
wizard-check-portal = Портал
wizard-check-portal-version = Портал жавоб бермоқда ({ $version } версия).
wizard-check-no-portal = Портал манзили ҳали киритилмаган: кейинги қадамда киритинг.
wizard-check-clock = Соат
wizard-check-clock-offset = Терминал соати портал соатидан { $seconds } сония фарқ қилади; терминал буни ҳисобга олади.
wizard-check-clock-unknown = Портал жавоб берганда маълум бўлади.
wizard-portal-hint = Идора берган марказий портал манзилини киритинг ёки рўйхатдан ўтиш варағидаги QR кодни сканерланг: у манзил ва кодни ўзи киритади.
wizard-portal-label = Портал манзили
wizard-code-hint = Рўйхатдан ўтиш варағидаги бир марталик кодни киритинг ёки варақдаги QR кодни сканерланг: у кодни ҳам, калитлар изини ҳам тўлдиради.
wizard-code-label = Рўйхатдан ўтиш коди
wizard-confirm-question = Бу код терминални қуйидаги маҳаллага рўйхатдан ўтказади:
wizard-confirm-yes = Ҳа, шу маҳалла
wizard-confirm-no = Йўқ, бошқа код
wizard-printer-search = Қайта қидириш
wizard-printer-test = Синов чоп этиш
wizard-printer-test-sent = Синов саҳифаси юборилди. Чоп этилганини текширинг.
wizard-printer-found = { $model } { $baud } бод тезликда жавоб бермоқда
wizard-printer-silent = Бу ерда ҳеч нарса жавоб бермайди.
wizard-printer-none = Принтер топилмади. Кабель ва қувватни текшириб, қайта қидиринг.
wizard-printer-profile = Профил: { $profile }
wizard-printer-skip = Принтерсиз давом этиш
wizard-staff-hint = Биринчи маҳалла ходими: исм ва 4–8 рақамли PIN-код.
wizard-staff-name = Исм
wizard-staff-pin = PIN-код
wizard-staff-pin-again = PIN-код яна бир бор
wizard-error-url = https:// билан бошланадиган манзил киритинг
wizard-error-unreachable = Порталга уланиб бўлмади. Тармоқ ва манзилни текширинг.
wizard-error-portal = Портал кутилмаган жавоб берди. Қайта уриниб кўринг.
wizard-error-code-empty = Рўйхатдан ўтиш кодини киритинг ёки сканерланг.
wizard-error-code-invalid = Портал бу кодни билмайди. Текшириб, қайта киритинг.
wizard-error-code-used = Бу код аллақачон ишлатилган. Порталдан янгисини сўранг.
wizard-error-code-expired = Бу коднинг муддати тугаган. Порталдан янгисини сўранг.
wizard-error-already-enrolled = Бу терминал аллақачон рўйхатдан ўтган.

date-day = Кун
date-month = Ой
date-year = Йил
date-clear = Тозалаш
month-1 = Январ
month-2 = Феврал
month-3 = Март
month-4 = Апрел
month-5 = Май
month-6 = Июн
month-7 = Июл
month-8 = Август
month-9 = Сентабр
month-10 = Октабр
month-11 = Ноябр
month-12 = Декабр

net-demo = Демо терминал: ҳали порталга уланмаган. Аризалар шу терминалда сақланади.
review-title-assisted = Фуқаронинг аризасини текширинг
review-show-assisted = Фуқаронинг маълумотларини кўрсатиш
review-hide-assisted = Фуқаронинг маълумотларини яшириш
review-consent-assisted = Фуқаро шахсий маълумотлари ушбу аризани кўриб чиқиш учун ишланишига рози (ходим тасдиқлайди).
review-consent-needed-assisted = Аризани юбориш учун юқорида фуқаронинг розилигини белгиланг.

wizard-check-device = Қурилма идентификатори
wizard-check-link = Тармоқ
wizard-check-no-interface = Тармоқ интерфейси топилмади: кабель ёки Wi-Fi адаптерини текширинг.
wizard-link-up = уланган
wizard-link-down = ўчирилган
wizard-link-no-cable = кабель йўқ
wizard-link-no-address = IP манзил йўқ

services-search = Хизматни қидириш
services-none-found = Хизмат топилмади. Бошқа сўз билан уриниб кўринг ёки маҳалла ходимидан сўранг.
list-more = Пастда яна бор: юқорига суринг

wizard-check-ok = Ўтди
wizard-check-failed = Ўтмади

error-text-control-character = Матндаги махсус белгиларни олиб ташланг.
error-text-direction-control = Матнда ўқиш йўналишини ўзгартирувчи белгилар бор. Илтимос, уни қайта ёзинг.

wizard-fingerprint-label = Портал калитлари изи (ихтиёрий)
wizard-fingerprint-hint = У рўйхатдан ўтиш варағида QR код остида босилган. У билан терминал ўртадаги бегона билан эмас, айнан сизнинг порталингиз билан рўйхатдан ўтишини текширади. Бўш қолдирилса, ким жавоб бераётгани текширилмайди.
wizard-keys-matched = Портал калитлари варақдагига мос келади
wizard-keys-matched-detail = Калитлар изи { $keys }
wizard-keys-unchecked = Портал калитлари текширилмади
wizard-keys-unchecked-detail = Калитлар изи киритилмади. Порталники — { $keys }: давом этишдан олдин уни варақдаги билан солиштиринг.
wizard-keys-unknown-detail = Бу портал ўз калитларини кўрсатмайди. Фақат ишончли тармоқда рўйхатдан ўтинг.
wizard-error-keys-mismatch = Портал калитлари рўйхатдан ўтиш варағидагига мос келмайди. Бу тармоқда кимдир портал ўрнига жавоб бераётган бўлиши мумкин. Ҳеч нарса сақланмади: калитлар изини текширинг ёки бошқа тармоқда рўйхатдан ўтинг ва портал маъмурига хабар беринг.
wizard-error-fingerprint = Калитлар изи 16 та ҳарф ва рақамдан иборат, масалан 8F3K-T2QX-MW7D-R4NA. Уни текширинг ёки бўш қолдиринг.
wizard-error-plain-http = Терминал портал билан фақат https:// орқали боғланади. Манзилни https:// билан киритинг.
wizard-error-certificate = Портал сертификатига ишониб бўлмайди: муддати ўтган, бошқа манзил учун берилган ёки номаълум ташкилотдан. Манзилни ҳамда терминалнинг санаси ва вақтини текширинг.
wizard-progress-not-saved = Бу қадамни терминалга ёзиб бўлмади, шунинг учун қайта ишга тушгандан кейин созлаш бошидан бошланади. Давом этаверишингиз мумкин; бу такрорланса, терминал дискини текширинг.

staff-records-failed = Терминал ёзувларини ҳозир ўқиб бўлмаяпти. Аҳоли топширган аризалар сақланган; қайта уриниб кўринг, муаммо қолса, техникни чақиринг.

staff-save-failed = Буни терминалда сақлаб бўлмади. Ҳеч нарса ўзгармади; қайта уриниб кўринг, муаммо қолса, техникни чақиринг.

## Software updates (staff menu; the version also on the start screen)
app-version = Версия
staff-update-install = Ҳозир янгилаш
staff-update-downloading = { $version } янгиланиши порталдан юкланмоқда: { $percent } %.
staff-update-ready-usb = USB хотирадаги { $version } янгиланиши текширилди ва ўрнатишга тайёр.
staff-update-ready-portal = Порталдан { $version } янгиланиши юкланди ва текширилди. У соат { $hour }:00 да ўзи ўрнатилади ёки ҳозир ўрнатинг.
staff-update-installing = { $version } ўрнатилмоқда. Терминал бир неча дақиқада ўзи қайта ишга тушади. Уни ўчирманг. Аризалар сақланади.
staff-update-installed = { $version } ўрнатилди.
staff-update-refused = Янгиланиш ўрнатилмади: { $reason } Терминал аввалги версияда ишлашда давом этади.
staff-update-rolled-back = { $version } ишга тушмади, шунинг учун терминал ўзи аввалги версияга қайтди. Аризалар сақланган. Техникка хабар беринг.
update-unsigned = янгиланиш имзоланмаган.
update-bad-signature = янгиланиш имзоси лойиҳа калитига мос эмас.
update-malformed = янгиланиш тавсифи бузилган.
update-wrong-device = янгиланиш бошқа турдаги қурилма учун.
update-truncated = янгиланиш файллари тўлиқ эмас (USB хотирани қайта ёзиб кўринг).
update-corrupt = янгиланиш файли бузилган.
update-downgrade = бу версия ишлаётганидан эскироқ.
update-installed = бу версия аллақачон ишлаяпти.
update-rolled-back = бу версия аввал ишга тушмаган эди.
update-disk = терминал хотирасига ёзиб бўлмади.
update-key = терминалда янгиланиш калити йўқ.
update-slot = тизим бўлимига ёзиб бўлмади.
update-request = ўрнатиш сўровини ўқиб бўлмади.
update-version = версия рақами нотўғри.
