app-title = Терминал услуг махалли
nav-back = Назад
nav-home = Главная
net-online = В сети
net-offline = Нет связи
net-waiting = { $count ->
    [one] { $count } заявка ожидает отправки
    [few] { $count } заявки ожидают отправки
    [many] { $count } заявок ожидают отправки
   *[other] { $count } заявки ожидают отправки
}

start-welcome = Добро пожаловать!
start-choose-language = Выберите язык
start-begin = Начать
a11y-large-text = Крупный шрифт
a11y-normal-text = Обычный шрифт
a11y-high-contrast = Высокий контраст
a11y-normal-contrast = Обычные цвета

home-title = Чем мы можем Вам помочь?
home-services = Государственные услуги
home-services-hint = Информация, заявления и справки
home-appeals = Обращения
home-appeals-hint = Отправьте заявление, предложение или жалобу
home-check = Проверить заявку
home-check-hint = Введите или отсканируйте код с квитанции

services-title = Государственные услуги
appeals-title = Обращения
appeals-intro = Ваше обращение сразу регистрируется и направляется в махаллю или хокимият. Сохраните квитанцию, чтобы следить за ним.

kind-informational = Только информация
kind-interactive = Заявка здесь, результат — в учреждении
kind-transactional = Полностью онлайн
card-agency = Ответственный орган
card-term = Срок
card-where = Куда обращаться
card-hours = Часы работы
card-fee = Стоимость
card-documents = Необходимые документы
card-next-steps = Что будет дальше
card-apply = Подать заявку
card-informational = Для этой услуги заявка здесь не нужна: обратитесь с документами по адресу, указанному выше.
fee-free = Бесплатно
fee-at-office = В учреждении: { $amount } сум
fee-via-portal = Через портал: { $amount } сум (на 10 % дешевле)
fee-disability = Через портал для лиц с инвалидностью: { $amount } сум
term-same-day = В тот же день
term-days = { $count ->
    [one] { $count } рабочий день
    [few] { $count } рабочих дня
    [many] { $count } рабочих дней
   *[other] { $count } рабочего дня
}

form-next = Продолжить
form-has-errors = Пожалуйста, исправьте поля, отмеченные красным.
hint-pinfl = 14 цифр, указанных в Вашей ID-карте
hint-passport = Например, AA1234567
hint-phone = +998 90 123 45 67
hint-date = ДД.ММ.ГГГГ
review-empty = —

kb-letters = АБВ
kb-space = Пробел
kb-backspace = Стереть
kb-enter = Далее

review-title = Проверьте заявку
review-consent = Даю согласие на обработку моих персональных данных для рассмотрения этой заявки.
review-edit = Изменить
review-submit = Отправить

submitting-title = Сохраняем Вашу заявку…
submitting-hint = Это займёт немного времени. Пожалуйста, подождите.

receipt-title = Ваша заявка зарегистрирована
receipt-code-label = Код Вашей квитанции
receipt-printing = Печатаем квитанцию…
receipt-printed = Возьмите напечатанную квитанцию.
receipt-print-failed = Не удалось напечатать квитанцию.
receipt-print-failed-next = Пожалуйста, запишите код. Ваша заявка сохранена; сотрудники махалли напечатают квитанцию повторно.
receipt-offline = Терминал без связи: Ваша заявка сохранена здесь и будет отправлена, как только связь восстановится.
receipt-next-steps = Что будет дальше
receipt-check-later = С этим кодом Вы можете проверить статус заявки на любом терминале.
receipt-done = Готово

printer-paper-out = В принтере закончилась бумага.
printer-cover-open = Открыта крышка принтера.
printer-offline = Принтер не отвечает.
printer-error = Принтер сообщил о неисправности.

status-code-label = Код квитанции
status-code-hint = Например, 000-100-001B
status-find = Найти
status-intro = Введите код с квитанции на клавиатуре ниже или поднесите QR-код квитанции к сканеру.
status-not-found = Заявка с таким кодом на этом терминале не найдена.
status-created = Подана { $date }
state-queued = Сохранена на терминале, ожидает отправки
state-sending = Отправляется на портал
state-delivered = Доставлена на портал
state-quarantined = Портал не смог её принять; сотрудники махалли Вам помогут

idle-title = Вы ещё здесь?
idle-countdown = { $count ->
    [one] Всё, что Вы ввели, будет удалено через { $count } секунду.
    [few] Всё, что Вы ввели, будет удалено через { $count } секунды.
    [many] Всё, что Вы ввели, будет удалено через { $count } секунд.
   *[other] Всё, что Вы ввели, будет удалено через { $count } секунды.
}
idle-continue = Да, продолжить

error-field-required = Пожалуйста, заполните это поле.
error-field-too-short = { $min ->
    [one] Слишком коротко: нужно не менее { $min } символа.
   *[other] Слишком коротко: нужно не менее { $min } символов.
}
error-field-too-long = { $max ->
    [one] Слишком длинно: допускается не более { $max } символа.
   *[other] Слишком длинно: допускается не более { $max } символов.
}
error-field-unknown = Этого поля нет в форме.
error-date-format = Введите дату в виде ДД.ММ.ГГГГ.
error-date-in-future = Дата не может быть в будущем.
error-date-in-past = Дата не может быть в прошлом.
error-choice-not-an-option = Выберите один из вариантов.
error-pinfl-empty = Введите ПИНФЛ.
error-pinfl-not-digits = ПИНФЛ состоит только из цифр.
error-pinfl-length = ПИНФЛ состоит ровно из 14 цифр.
error-pinfl-century = Первая цифра ПИНФЛ — от 1 до 6.
error-pinfl-birth-date = Цифры со 2-й по 7-ю — это Ваша дата рождения (ДДММГГ).
error-pinfl-check-digit = В ПИНФЛ опечатка: проверьте каждую цифру.
error-passport-empty = Введите номер паспорта или ID-карты.
error-passport-length = Две буквы и семь цифр, например AA1234567.
error-passport-series = Номер начинается с двух латинских букв.
error-passport-number = После двух букв идут семь цифр.
error-phone-empty = Введите номер телефона.
error-phone-invalid-character = Номер телефона состоит только из цифр.
error-phone-country-code = Принимаются только номера Узбекистана (+998).
error-phone-length = В номере Узбекистана после +998 идут 9 цифр.
error-receipt-code-empty = Введите код с квитанции.
error-receipt-code-invalid-character = В коде есть символ, которого не бывает в квитанциях.
error-receipt-code-length = Код квитанции состоит из 10 символов.
error-receipt-code-check-character = В коде опечатка: проверьте каждый символ.
error-receipt-code-device-out-of-range = Это не код квитанции.
error-receipt-code-sequence-out-of-range = Это не код квитанции.

submit-failed = Не удалось сохранить Вашу заявку на этом терминале. Ничего не отправлено. Пожалуйста, попробуйте ещё раз или обратитесь к сотруднику махалли.
status-unavailable = Сейчас не удаётся прочитать статус. Пожалуйста, попробуйте чуть позже.
portal-status-in-review = На рассмотрении
portal-status-needs-information = Нужны дополнительные сведения
portal-status-approved = Одобрено
portal-status-rejected = Отклонено
portal-status-completed = Исполнено
