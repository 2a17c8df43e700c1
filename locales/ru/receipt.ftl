# The printed receipt, Russian.
receipt-title = Заявление принято
receipt-demo = ДЕМО-КВИТАНЦИЯ: заявление не отправляется ни в одно ведомство.
receipt-mahalla = Махалля: { $mahalla }
receipt-terminal = Терминал: { $terminal }
receipt-service = Услуга
receipt-appeal = Обращение
receipt-code = Код квитанции
receipt-issued = Дата и время: { $issued }
receipt-collect = Где получить результат
receipt-check = Проверить статус можно в любое время: отсканируйте QR-код телефоном или введите этот код на любом терминале махалли.
test-title = Проверка принтера
test-letters = Ёё Йй Щщ Ъъ Ыы Ээ Юю Яя
slip-title = Статус заявки
slip-printed = Напечатано: { $printed }
