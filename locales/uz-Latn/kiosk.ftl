app-title = Mahalla xizmatlari terminali
nav-back = Orqaga
nav-home = Bosh sahifa
net-online = Aloqa bor
net-offline = Aloqa yoʻq
net-waiting = { $count ->
    [one] { $count } ta ariza yuborilishini kutmoqda
   *[other] { $count } ta ariza yuborilishini kutmoqda
}

start-welcome = Xush kelibsiz!
start-choose-language = Tilni tanlang
start-begin = Boshlash
a11y-large-text = Kattaroq yozuv
a11y-normal-text = Oddiy yozuv
a11y-high-contrast = Yuqori kontrast
a11y-normal-contrast = Oddiy ranglar

home-title = Sizga qanday yordam bera olamiz?
home-services = Davlat xizmatlari
home-services-hint = Maʼlumot, arizalar va maʼlumotnomalar
home-appeals = Murojaatlar
home-appeals-hint = Ariza, taklif yoki shikoyat yuboring
home-check = Arizamni tekshirish
home-check-hint = Kvitansiyadagi kodni kiriting yoki skanerlang

services-title = Davlat xizmatlari
appeals-title = Murojaatlar
appeals-intro = Murojaatingiz darhol roʻyxatga olinadi va mahallaga yoki hokimlikka yuboriladi. Uni kuzatib borish uchun kvitansiyani saqlab qoʻying.

kind-informational = Faqat maʼlumot
kind-interactive = Ariza shu yerda beriladi, natija idoradan olinadi
kind-transactional = Toʻliq onlayn
card-agency = Masʼul idora
card-term = Muddati
card-where = Qayerga borish kerak
card-hours = Ish vaqti
card-fee = Toʻlov
card-documents = Kerakli hujjatlar
card-next-steps = Keyin nima boʻladi
card-apply = Ariza berish
card-informational = Bu xizmat uchun bu yerda ariza berish shart emas: hujjatlaringiz bilan yuqoridagi manzilga boring.
fee-free = Bepul
fee-at-office = Idorada: { $amount } soʻm
fee-via-portal = Portal orqali: { $amount } soʻm (10 % arzonroq)
fee-disability = Nogironligi boʻlgan shaxslar uchun portal orqali: { $amount } soʻm
term-same-day = Shu kunning oʻzida
term-days = { $count ->
    [one] { $count } ish kuni
   *[other] { $count } ish kuni
}

form-next = Davom etish
form-has-errors = Iltimos, qizil rang bilan belgilangan maydonlarni tuzating.
hint-pinfl = JShShIR (PINFL) — ID-kartangizdagi 14 xonali raqam
hint-passport = Masalan, AA1234567
hint-phone = +998 90 123 45 67
hint-date = KK.OO.YYYY
review-empty = —

kb-letters = ABC
kb-space = Boʻsh joy
kb-backspace = Oʻchirish
kb-enter = Keyingi

review-title = Arizangizni tekshiring
review-consent = Ushbu arizani koʻrib chiqish uchun shaxsga doir maʼlumotlarimga ishlov berilishiga roziman.
review-edit = Oʻzgartirish
review-submit = Yuborish

submitting-title = Arizangiz saqlanmoqda…
submitting-hint = Bu biroz vaqt oladi. Iltimos, kuting.

receipt-title = Arizangiz roʻyxatga olindi
receipt-code-label = Kvitansiya kodingiz
receipt-printing = Kvitansiya chop etilmoqda…
receipt-printed = Chop etilgan kvitansiyani oling.
receipt-print-failed = Kvitansiyani chop etib boʻlmadi.
receipt-print-failed-next = Iltimos, kodni yozib oling. Arizangiz saqlandi; mahalla xodimlari kvitansiyani qayta chop etib berishadi.
receipt-offline = Terminalda aloqa yoʻq: arizangiz shu yerda saqlandi va aloqa tiklanishi bilanoq yuboriladi.
receipt-next-steps = Keyin nima boʻladi
receipt-check-later = Ushbu kod bilan istalgan terminalda ariza holatini tekshirishingiz mumkin.
receipt-done = Tayyor

printer-paper-out = Printerda qogʻoz tugadi.
printer-cover-open = Printer qopqogʻi ochiq.
printer-offline = Printer javob bermayapti.
printer-error = Printerda nosozlik yuz berdi.

status-code-label = Kvitansiya kodi
status-code-hint = Masalan, 000-100-001B
status-find = Qidirish
status-intro = Kvitansiyadagi kodni quyidagi klaviaturada kiriting yoki kvitansiyadagi QR kodni skanerga tuting.
status-not-found = Bu terminalda bunday kodli ariza topilmadi.
status-created = Yuborilgan sana: { $date }
state-queued = Terminalda saqlandi, yuborilishi kutilmoqda
state-sending = Portalga yuborilmoqda
state-delivered = Portalga yetkazildi
state-quarantined = Portal uni qabul qila olmadi; mahalla xodimlari sizga yordam berishadi

idle-title = Hali shu yerdamisiz?
idle-countdown = { $count ->
    [one] Kiritgan barcha maʼlumotlaringiz { $count } soniyadan soʻng oʻchiriladi.
   *[other] Kiritgan barcha maʼlumotlaringiz { $count } soniyadan soʻng oʻchiriladi.
}
idle-continue = Ha, davom etish

error-field-required = Iltimos, bu maydonni toʻldiring.
error-field-too-short = Juda qisqa: kamida { $min } ta belgi boʻlishi kerak.
error-field-too-long = Juda uzun: koʻpi bilan { $max } ta belgi boʻlishi mumkin.
error-field-unknown = Bu maydon ariza shakliga tegishli emas.
error-date-format = Sanani KK.OO.YYYY koʻrinishida kiriting.
error-date-in-future = Sana kelajakda boʻlishi mumkin emas.
error-date-in-past = Sana oʻtmishda boʻlishi mumkin emas.
error-choice-not-an-option = Variantlardan birini tanlang.
error-pinfl-empty = JShShIRni kiriting.
error-pinfl-not-digits = JShShIR faqat raqamlardan iborat.
error-pinfl-length = JShShIR aynan 14 ta raqamdan iborat.
error-pinfl-century = JShShIRning birinchi raqami 1 dan 6 gacha boʻladi.
error-pinfl-birth-date = 2-raqamdan 7-raqamgacha tugʻilgan sanangiz boʻlishi kerak (KKOOYY).
error-pinfl-check-digit = JShShIRda xato bor: har bir raqamni tekshiring.
error-passport-empty = Pasport yoki ID-karta raqamini kiriting.
error-passport-length = Ikki harf va yetti raqam, masalan, AA1234567.
error-passport-series = Raqam ikkita lotin harfi bilan boshlanadi.
error-passport-number = Ikki harfdan keyin yetti raqam keladi.
error-phone-empty = Telefon raqamingizni kiriting.
error-phone-invalid-character = Telefon raqamida faqat raqamlar boʻladi.
error-phone-country-code = Faqat Oʻzbekiston raqamlari (+998) qabul qilinadi.
error-phone-length = Oʻzbekiston raqamida +998 dan keyin 9 ta raqam boʻladi.
error-receipt-code-empty = Kvitansiyadagi kodni kiriting.
error-receipt-code-invalid-character = Kodda kvitansiyalarda ishlatilmaydigan belgi bor.
error-receipt-code-length = Kvitansiya kodi 10 ta belgidan iborat.
error-receipt-code-check-character = Kodda xato bor: har bir belgini tekshiring.
error-receipt-code-device-out-of-range = Bu kvitansiya kodi emas.
error-receipt-code-sequence-out-of-range = Bu kvitansiya kodi emas.

submit-failed = Arizangizni ushbu terminalda saqlab boʻlmadi. Hech narsa yuborilmadi. Iltimos, qayta urinib koʻring yoki mahalla xodimiga murojaat qiling.
status-unavailable = Holatni hozir oʻqib boʻlmadi. Iltimos, birozdan soʻng qayta urinib koʻring.
portal-status-in-review = Koʻrib chiqilmoqda
portal-status-needs-information = Qoʻshimcha maʼlumot kerak
portal-status-approved = Maʼqullandi
portal-status-rejected = Rad etildi
portal-status-completed = Bajarildi
