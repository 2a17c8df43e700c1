# fallback: uz-Latn
app-title = Mahalla xizmatlari terminali
nav-back = Artqa
nav-home = Bas bet
net-online = Baylanıs bar
net-offline = Baylanıs joq
# fallback: uz-Latn
net-calm = Arizalar shu terminalda xavfsiz saqlanadi va avtomatik yuboriladi.
# fallback: uz-Latn
net-waiting = { $count ->
   *[other] { $count } ta ariza yuborilishini kutmoqda
}

start-welcome = Xosh keldińiz!
start-choose-language = Tildi tańlań
start-begin = Baslaw
# fallback: uz-Latn
a11y-large-text = Kattaroq yozuv
# fallback: uz-Latn
a11y-normal-text = Oddiy yozuv
# fallback: uz-Latn
a11y-high-contrast = Yuqori kontrast
# fallback: uz-Latn
a11y-normal-contrast = Oddiy ranglar

home-title = Sizge qalay járdem bere alamız?
home-services = Mámleketlik xızmetler
# fallback: uz-Latn
home-services-hint = Maʼlumot, arizalar va maʼlumotnomalar
# fallback: uz-Latn
home-appeals = Murojaatlar
# fallback: uz-Latn
home-appeals-hint = Ariza, taklif yoki shikoyat yuboring
# fallback: uz-Latn
home-check = Arizamni tekshirish
# fallback: uz-Latn
home-check-hint = Kvitansiyadagi kodni kiriting yoki skanerlang

services-title = Mámleketlik xızmetler
# fallback: uz-Latn
appeals-title = Murojaatlar
# fallback: uz-Latn
appeals-intro = Murojaatingiz darhol roʻyxatga olinadi va mahallaga yoki hokimlikka yuboriladi. Uni kuzatib borish uchun kvitansiyani saqlab qoʻying.

# fallback: uz-Latn
kind-informational = Faqat maʼlumot
# fallback: uz-Latn
kind-interactive = Ariza shu yerda beriladi, natija idoradan olinadi
kind-transactional = Tolıq onlayn
# fallback: uz-Latn
card-agency = Masʼul idora
card-term = Múddeti
# fallback: uz-Latn
card-where = Qayerga borish kerak
card-hours = Jumıs waqtı
card-fee = Tólem
card-documents = Kerekli hújjetler
# fallback: uz-Latn
card-next-steps = Keyin nima boʻladi
# fallback: uz-Latn
card-apply = Ariza berish
# fallback: uz-Latn
card-informational = Bu xizmat uchun bu yerda ariza berish shart emas: hujjatlaringiz bilan yuqoridagi manzilga boring.
# fallback: uz-Latn
fee-free = Bepul
# fallback: uz-Latn
fee-at-office = Idorada: { $amount } soʻm
# fallback: uz-Latn
fee-via-portal = Portal orqali: { $amount } soʻm (10 % arzonroq)
# fallback: uz-Latn
fee-disability = Nogironligi boʻlgan shaxslar uchun portal orqali: { $amount } soʻm
# fallback: uz-Latn
term-same-day = Shu kunning oʻzida
# fallback: uz-Latn
term-days = { $count ->
   *[other] { $count } ish kuni
}

# fallback: uz-Latn
form-next = Davom etish
# fallback: uz-Latn
form-has-errors = Iltimos, qizil rang bilan belgilangan maydonlarni tuzating.
# fallback: uz-Latn
hint-pinfl = JShShIR (PINFL) — ID-kartangizdagi 14 xonali raqam
hint-passport = Mısalı, AA1234567
hint-phone = +998 90 123 45 67
hint-date = Sánesin tańlaw ushın basıń
review-empty = —

kb-letters = ABC
# fallback: uz-Latn
kb-space = Boʻsh joy
kb-backspace = Óshiriw
# same word as uz-Latn
kb-enter = Keyingi

# fallback: uz-Latn
review-title = Arizangizni tekshiring
# fallback: uz-Latn
review-show = Maʼlumotlarimni koʻrsatish
# fallback: uz-Latn
review-hide = Maʼlumotlarimni yashirish
# fallback: uz-Latn
review-consent = Ushbu arizani koʻrib chiqish uchun shaxsga doir maʼlumotlarimga ishlov berilishiga roziman.
# fallback: uz-Latn
review-consent-needed = Arizani yuborish uchun yuqoridagi katakchani belgilang.
review-consent-given = Awa
review-consent-not-given = Yaq
review-edit = Ózgertiw
review-submit = Jiberiw

# fallback: uz-Latn
submitting-title = Arizangiz saqlanmoqda…
# fallback: uz-Latn
submitting-hint = Bu biroz vaqt oladi. Iltimos, kuting.

# fallback: uz-Latn
receipt-title = Arizangiz roʻyxatga olindi
# fallback: uz-Latn
receipt-code-label = Kvitansiya kodingiz
# fallback: uz-Latn
receipt-printing = Kvitansiya chop etilmoqda…
# fallback: uz-Latn
receipt-printed = Chop etilgan kvitansiyani oling.
# fallback: uz-Latn
receipt-print-failed = Kvitansiyani chop etib boʻlmadi.
# fallback: uz-Latn
receipt-print-failed-next = Iltimos, kodni yozib oling. Arizangiz saqlandi; mahalla xodimlari kvitansiyani qayta chop etib berishadi.
# fallback: uz-Latn
receipt-offline = Terminalda aloqa yoʻq: arizangiz shu yerda saqlandi va aloqa tiklanishi bilanoq yuboriladi.
# fallback: uz-Latn
receipt-next-steps = Keyin nima boʻladi
# fallback: uz-Latn
receipt-check-later = Holatini istalgan mahalla terminalida ushbu kod bilan yoki telefoningiz bilan kvitansiyadagi QR kodni skanerlab tekshirishingiz mumkin.
# fallback: uz-Latn
receipt-check-later-demo = Bu terminal hali portalga ulanmagan: holatni faqat shu yerda, ushbu kod bilan tekshirish mumkin.
# fallback: uz-Latn
receipt-done = Tayyor

# fallback: uz-Latn
printer-paper-end = Printerda qogʻoz tugadi.
# fallback: uz-Latn
printer-cover-open = Printer qopqogʻi ochiq.
# fallback: uz-Latn
printer-offline = Printer javob bermayapti.
# fallback: uz-Latn
printer-error = Printerda nosozlik yuz berdi.
# fallback: uz-Latn
printer-timeout = Printer oʻz vaqtida javob bermadi. Yoqilganini va kabeli ulanganini tekshiring.
# fallback: uz-Latn
printer-port-open = Printer porti ochilmadi. Kabelni tekshiring yoki boshqa portni tanlang.
# fallback: uz-Latn
printer-bad-reply = Printer kutilmagan javob berdi. Printer modeli va tezligini tekshiring.
# fallback: uz-Latn
printer-port = Printer bilan aloqa uzildi. Kabelni tekshiring.
# fallback: uz-Latn
printer-unsupported-baud = Bu port tanlangan tezlikni qoʻllamaydi. Boshqa tezlikni tanlang.
# fallback: uz-Latn
printer-printout = Sahifani bu printer uchun tayyorlab boʻlmadi. Texnik xodimga xabar bering.

# fallback: uz-Latn
status-code-label = Kvitansiya kodi
status-code-hint = Mısalı, 000-100-001B
# fallback: uz-Latn
status-find = Qidirish
# fallback: uz-Latn
status-intro = Kvitansiyadagi kodni quyidagi klaviaturada kiriting yoki kvitansiyadagi QR kodni skanerga tuting.
# fallback: uz-Latn
status-created = Yuborilgan sana: { $date }
# fallback: uz-Latn
status-not-found = Bunday kodli ariza hozircha topilmadi. Kvitansiyadagi kodni tekshiring: ariza u berilgan terminal aloqaga chiqishi bilan portalga yetib boradi.
# fallback: uz-Latn
status-not-found-offline = Bu kod ushbu terminalda yoʻq, portal bilan esa hozir aloqa yoʻq. Iltimos, keyinroq qayta urinib koʻring.
# fallback: uz-Latn
status-not-found-here = Bu terminalda bunday kodli ariza yoʻq. Terminal hali portalga ulanmagan, shuning uchun boshqa joydan qidira olmaydi.
# fallback: uz-Latn
status-checking = Portaldan soʻralmoqda…
# fallback: uz-Latn
status-only-here-since = Portal bilan hozir aloqa yoʻq, shuning uchun faqat shu terminaldagi maʼlumot koʻrsatilmoqda. Portal bilan oxirgi aloqa: { $date }.
# fallback: uz-Latn
status-only-here = Portal bilan hozir aloqa yoʻq, shuning uchun faqat shu terminaldagi maʼlumot koʻrsatilmoqda.
# fallback: uz-Latn
status-not-enrolled = Bu terminal hali portalga ulanmagan, shuning uchun faqat uning oʻz maʼlumotlari koʻrsatilmoqda.
# fallback: uz-Latn
status-not-yet-at-portal = Bu ariza hali portalga yetib bormagan. Terminal uni aloqa tiklanishi bilan yuboradi.
status-answer-withheld = Mákeme juwap berdi. Juwaptı kóriw ushın túbirtektegi QR-kodtı skanerge tutıń yamasa arzada kórsetken JShShIR-ıńızdı kiritiń.
status-answer-withheld-qr = Mákemeniń juwabın kóriw ushın túbirtektegi QR-kodtı skanerge tutıń.
status-pinfl-label = JShShIR (14 san)
status-show-answer = Juwaptı kórsetiw
status-print = Basıp shıǵarıw
# fallback: uz-Latn
status-printing = Chop etilmoqda…
# fallback: uz-Latn
status-printed = Chop etilgan varaqni oling.
# fallback: uz-Latn
status-pinfl-mismatch = Bu JShShIR arizada koʻrsatilganiga mos kelmadi, shuning uchun javob koʻrsatilmaydi.
# fallback: uz-Latn
status-too-many-tries = Bu kvitansiya uchun notoʻgʻri JShShIR juda koʻp marta kiritildi. Ertaga qayta urinib koʻring yoki kvitansiyadagi QR kodni skanerga tuting.
# fallback: uz-Latn
status-pinfl-not-checked = JShShIRni tekshirish uchun portal bilan hozir aloqa yoʻq. Keyinroq urinib koʻring yoki kvitansiyadagi QR kodni skanerga tuting.
# fallback: uz-Latn
status-next-queued = Arizangiz shu terminalda saqlangan va aloqa tiklanishi bilan portalga yuboriladi.
# fallback: uz-Latn
status-next-sending = Arizangiz hozir portalga yuborilmoqda.
# fallback: uz-Latn
status-next-delivered = Arizangiz portalda; idora uni koʻrib chiqadi.
# fallback: uz-Latn
status-next-quarantined = Iltimos, mahalla xodimlariga murojaat qiling: ular portal nega qabul qilmaganini koʻra oladi.
# fallback: uz-Latn
status-next-received = Idora arizangizni qabul qildi va koʻrib chiqadi. Hozircha sizdan hech narsa talab qilinmaydi.
# fallback: uz-Latn
status-next-in-review = Idora arizangizni koʻrib chiqmoqda. Hozircha sizdan hech narsa talab qilinmaydi.
# fallback: uz-Latn
status-next-needs-information = Idoraga sizdan qoʻshimcha maʼlumot kerak: javobini oʻqing va soʻralganini mahalla idorasiga olib keling.
# fallback: uz-Latn
status-next-approved = Arizangiz maʼqullandi. Idora javobida aytilganlarga amal qiling.
# fallback: uz-Latn
status-next-rejected = Arizangiz rad etildi; sababi idora javobida. Mahalla xodimlari nima qilish mumkinligini tushuntirib berishadi.
# fallback: uz-Latn
status-next-completed = Arizangiz boʻyicha ish yakunlandi.
# fallback: uz-Latn
state-queued = Terminalda saqlandi, yuborilishi kutilmoqda
# fallback: uz-Latn
state-sending = Portalga yuborilmoqda
# fallback: uz-Latn
state-delivered = Portalga yetkazildi
# fallback: uz-Latn
state-quarantined = Portal uni qabul qila olmadi; mahalla xodimlari sizga yordam berishadi

# fallback: uz-Latn
idle-title = Hali shu yerdamisiz?
# fallback: uz-Latn
idle-countdown = { $count ->
   *[other] Kiritgan barcha maʼlumotlaringiz { $count } soniyadan soʻng oʻchiriladi.
}
idle-continue = Awa, dawam etiw

# fallback: uz-Latn
error-field-required = Iltimos, bu maydonni toʻldiring.
# fallback: uz-Latn
error-field-too-short = Juda qisqa: kamida { $min } ta belgi boʻlishi kerak.
# fallback: uz-Latn
error-field-too-long = Juda uzun: koʻpi bilan { $max } ta belgi boʻlishi mumkin.
# fallback: uz-Latn
error-field-unknown = Bu maydon ariza shakliga tegishli emas.
# fallback: uz-Latn
error-date-format = Sanani KK.OO.YYYY koʻrinishida kiriting.
# fallback: uz-Latn
error-date-in-future = Sana kelajakda boʻlishi mumkin emas.
# fallback: uz-Latn
error-date-in-past = Sana oʻtmishda boʻlishi mumkin emas.
# fallback: uz-Latn
error-choice-not-an-option = Variantlardan birini tanlang.
# fallback: uz-Latn
error-pinfl-empty = JShShIRni kiriting.
# fallback: uz-Latn
error-pinfl-not-digits = JShShIR faqat raqamlardan iborat.
# fallback: uz-Latn
error-pinfl-length = JShShIR aynan 14 ta raqamdan iborat.
# fallback: uz-Latn
error-pinfl-century = JShShIRning birinchi raqami 1 dan 6 gacha boʻladi.
# fallback: uz-Latn
error-pinfl-birth-date = 2-raqamdan 7-raqamgacha tugʻilgan sanangiz boʻlishi kerak (KKOOYY).
# fallback: uz-Latn
error-pinfl-check-digit = JShShIRda xato bor: har bir raqamni tekshiring.
# fallback: uz-Latn
error-passport-empty = Pasport yoki ID-karta raqamini kiriting.
# fallback: uz-Latn
error-passport-length = Ikki harf va yetti raqam, masalan, AA1234567.
# fallback: uz-Latn
error-passport-series = Raqam ikkita lotin harfi bilan boshlanadi.
# fallback: uz-Latn
error-passport-number = Ikki harfdan keyin yetti raqam keladi.
# fallback: uz-Latn
error-phone-empty = Telefon raqamingizni kiriting.
# fallback: uz-Latn
error-phone-invalid-character = Telefon raqamida faqat raqamlar boʻladi.
# fallback: uz-Latn
error-phone-country-code = Faqat Oʻzbekiston raqamlari (+998) qabul qilinadi.
# fallback: uz-Latn
error-phone-length = Oʻzbekiston raqamida +998 dan keyin 9 ta raqam boʻladi.
# fallback: uz-Latn
error-receipt-code-empty = Kvitansiyadagi kodni kiriting.
# fallback: uz-Latn
error-receipt-code-invalid-character = Kodda kvitansiyalarda ishlatilmaydigan belgi bor.
# fallback: uz-Latn
error-receipt-code-length = Kvitansiya kodi 10 ta belgidan iborat.
# fallback: uz-Latn
error-receipt-code-check-character = Kodda xato bor: har bir belgini tekshiring.
# fallback: uz-Latn
error-receipt-code-device-out-of-range = Bu kvitansiya kodi emas.
# fallback: uz-Latn
error-receipt-code-sequence-out-of-range = Bu kvitansiya kodi emas.
error-receipt-qr-shape = Bul QR-kod túbirtektiki emes.
error-receipt-qr-receipt-code = QR-kodtaǵı túbirtek kodı jaramsız.

# fallback: uz-Latn
submit-failed = Arizangizni ushbu terminalda saqlab boʻlmadi. Hech narsa yuborilmadi. Iltimos, qayta urinib koʻring yoki mahalla xodimiga murojaat qiling.
# fallback: uz-Latn
portal-status-in-review = Koʻrib chiqilmoqda
# fallback: uz-Latn
portal-status-needs-information = Qoʻshimcha maʼlumot kerak
# fallback: uz-Latn
portal-status-approved = Maʼqullandi
# fallback: uz-Latn
portal-status-rejected = Rad etildi
# fallback: uz-Latn
portal-status-completed = Bajarildi
# fallback: uz-Latn
printer-paper-low = Printerda qogʻoz tugab qolmoqda: iltimos, mahalla xodimiga ayting.

## Staff sign-in and menu
# same word as uz-Latn
emblem = Mahalla gerbi
pin-title = Xızmetkerler ushın kiriw
pin-hint = PIN-kodtı kiritiń
# same word as uz-Latn
pin-label = PIN-kod
pin-ok = OK
pin-clear = Tazalaw
# fallback: uz-Latn
pin-wrong = { $count ->
   *[other] PIN-kod notoʻgʻri. Bloklanishgacha yana { $count } ta urinish qoldi.
}
# fallback: uz-Latn
pin-locked = Notoʻgʻri PIN-kod juda koʻp kiritildi. { $minutes } daqiqa { $seconds } soniyadan keyin qayta urinib koʻring.
staff-badge = Xızmetker
# fallback: uz-Latn
staff-badge-assisted = Xodim yordamida
# fallback: uz-Latn
staff-menu-title = Xodim menyusi
# fallback: uz-Latn
staff-assisted = Xodim yordamida ariza
# fallback: uz-Latn
staff-assisted-hint = Fuqaro bilan birga shaklni toʻldirish
# fallback: uz-Latn
staff-queue = Mahalliy navbat
# fallback: uz-Latn
staff-queue-hint = Kodlar, xizmatlar, vaqt va holat
# fallback: uz-Latn
staff-queue-empty = Bu terminalda hali hech narsa yuborilmagan.
# fallback: uz-Latn
staff-sync = Sinxronlash
# fallback: uz-Latn
staff-sync-hint = Hozir yuborish, oxirgi natija
# fallback: uz-Latn
staff-sync-now = Hozir sinxronlash
# fallback: uz-Latn
staff-sync-last = Oxirgi muvaffaqiyatli sinxronlash: { $time }
# fallback: uz-Latn
staff-sync-never = Hali muvaffaqiyatli sinxronlash boʻlmagan
# fallback: uz-Latn
staff-sync-error = Oxirgi xato ({ $time }): { $error }
# fallback: uz-Latn
staff-sync-waiting = { $count ->
   *[other] Yana { $count } ta ariza yuborilishi kerak
}
# fallback: uz-Latn
staff-printer = Printer
# fallback: uz-Latn
staff-printer-hint = Kvitansiyani qayta chop etish, qogʻoz
# fallback: uz-Latn
staff-printer-ready = Printer tayyor.
# fallback: uz-Latn
staff-paper-low = Qogʻoz deyarli tugadi: tez orada yangi rulon qoʻying.
# fallback: uz-Latn
staff-reprint-label = Qayta chop etiladigan kvitansiya kodi
# fallback: uz-Latn
staff-reprint = Qayta chop etish
# fallback: uz-Latn
staff-reprint-queued = { $code } kvitansiyasi qayta chop etiladi.
# fallback: uz-Latn
staff-counts = Hisobot
# fallback: uz-Latn
staff-counts-hint = Bugun va shu hafta, xizmatlar boʻyicha
staff-counts-today = Búgin
# fallback: uz-Latn
staff-counts-week = Shu hafta
# fallback: uz-Latn
staff-counts-none = Arizalar yoʻq.
# fallback: uz-Latn
staff-counts-assisted = { $count ->
   *[other] { $count } tasi xodim yordamida
}
staff-sign-out = Shığıw
# fallback: uz-Latn
review-identity-checked = Fuqaroning shaxsini tasdiqlovchi hujjatni tekshirdim.
# fallback: uz-Latn
error-pin-length = PIN-kod 4–8 ta raqamdan iborat.
# fallback: uz-Latn
error-pin-digits = PIN-kodda faqat raqamlar boʻladi.
# fallback: uz-Latn
error-pin-too-simple = Bir xil raqamlardan yoki 1234 kabi ketma-ket raqamlardan iborat boʻlmagan PIN-kod tanlang.
# fallback: uz-Latn
error-pin-mismatch = Ikki PIN-kod bir xil emas.
# fallback: uz-Latn
error-pin-taken = Bu PIN-kod boshqa xodimda bor.
# fallback: uz-Latn
error-staff-name = Xodimning ismini kiriting.
# fallback: uz-Latn
error-staff-name-taken = Bu ismli xodim allaqachon bor.

## First-boot wizard
# fallback: uz-Latn
wizard-step = { $count }-qadam (7 tadan)
# same word as uz-Latn
wizard-language-title = Til
# fallback: uz-Latn
wizard-network-title = Tarmoqni tekshirish
# fallback: uz-Latn
wizard-portal-title = Portal manzili
# fallback: uz-Latn
wizard-code-title = Roʻyxatdan oʻtish kodi
# fallback: uz-Latn
wizard-confirm-title = Mahallani tasdiqlang
# fallback: uz-Latn
wizard-printer-title = Kvitansiya printeri
# fallback: uz-Latn
wizard-staff-title = Birinchi xodim PIN-kodi
# same word as uz-Latn
wizard-next = Keyingi
# fallback: uz-Latn
wizard-finish = Tayyor
# fallback: uz-Latn
wizard-busy = Kuting…
# fallback: uz-Latn
wizard-check-again = Qayta tekshirish
# fallback: uz-Latn
wizard-check-dns = Nomni aniqlash (DNS)
wizard-check-portal = Portal
# fallback: uz-Latn
wizard-check-portal-version = Portal javob bermoqda ({ $version } versiya).
# fallback: uz-Latn
wizard-check-no-portal = Portal manzili hali kiritilmagan: keyingi qadamda kiriting.
# fallback: uz-Latn
wizard-check-clock = Soat
# fallback: uz-Latn
wizard-check-clock-offset = Terminal soati portal soatidan { $seconds } soniya farq qiladi; terminal buni hisobga oladi.
# fallback: uz-Latn
wizard-check-clock-unknown = Portal javob berganda maʼlum boʻladi.
# fallback: uz-Latn
wizard-portal-hint = Idora bergan markaziy portal manzili.
# fallback: uz-Latn
wizard-portal-label = Portal manzili
# fallback: uz-Latn
wizard-code-hint = Portaldan olingan bir martalik kodni kiriting yoki skanerlang.
# fallback: uz-Latn
wizard-code-label = Roʻyxatdan oʻtish kodi
# fallback: uz-Latn
wizard-confirm-question = Bu kod terminalni quyidagi mahallaga roʻyxatdan oʻtkazadi:
# fallback: uz-Latn
wizard-confirm-yes = Ha, shu mahalla
# fallback: uz-Latn
wizard-confirm-no = Yoʻq, boshqa kod
# fallback: uz-Latn
wizard-printer-search = Qayta qidirish
# fallback: uz-Latn
wizard-printer-test = Sinov chop etish
# fallback: uz-Latn
wizard-printer-test-sent = Sinov sahifasi yuborildi. Chop etilganini tekshiring.
# fallback: uz-Latn
wizard-printer-found = { $model } { $baud } bod tezlikda javob bermoqda
# fallback: uz-Latn
wizard-printer-silent = Bu yerda hech narsa javob bermaydi.
# fallback: uz-Latn
wizard-printer-none = Printer topilmadi. Kabel va quvvatni tekshirib, qayta qidiring.
# same word as uz-Latn
wizard-printer-profile = Profil: { $profile }
# fallback: uz-Latn
wizard-printer-skip = Printersiz davom etish
# fallback: uz-Latn
wizard-staff-hint = Birinchi mahalla xodimi: ism va 4–8 raqamli PIN-kod.
# fallback: uz-Latn
wizard-staff-name = Ism
# same word as uz-Latn
wizard-staff-pin = PIN-kod
# fallback: uz-Latn
wizard-staff-pin-again = PIN-kod yana bir bor
# fallback: uz-Latn
wizard-error-url = https:// bilan boshlanadigan manzil kiriting
# fallback: uz-Latn
wizard-error-unreachable = Portalga ulanib boʻlmadi. Tarmoq va manzilni tekshiring.
# fallback: uz-Latn
wizard-error-portal = Portal kutilmagan javob berdi. Qayta urinib koʻring.
# fallback: uz-Latn
wizard-error-code-empty = Roʻyxatdan oʻtish kodini kiriting yoki skanerlang.
# fallback: uz-Latn
wizard-error-code-invalid = Portal bu kodni bilmaydi. Tekshirib, qayta kiriting.
# fallback: uz-Latn
wizard-error-code-used = Bu kod allaqachon ishlatilgan. Portaldan yangisini soʻrang.
# fallback: uz-Latn
wizard-error-code-expired = Bu kodning muddati tugagan. Portaldan yangisini soʻrang.
# fallback: uz-Latn
wizard-error-already-enrolled = Bu terminal allaqachon roʻyxatdan oʻtgan.

date-day = Kún
date-month = Ay
date-year = Jıl
date-clear = Tazalaw
# same word as uz-Latn
month-1 = Yanvar
# same word as uz-Latn
month-2 = Fevral
# same word as uz-Latn
month-3 = Mart
# same word as uz-Latn
month-4 = Aprel
# same word as uz-Latn
month-5 = May
# same word as uz-Latn
month-6 = Iyun
# same word as uz-Latn
month-7 = Iyul
# same word as uz-Latn
month-8 = Avgust
month-9 = Sentyabr
month-10 = Oktyabr
# same word as uz-Latn
month-11 = Noyabr
# same word as uz-Latn
month-12 = Dekabr
