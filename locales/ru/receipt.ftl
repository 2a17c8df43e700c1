# The printed receipt, Russian.
receipt-title = Заявление принято
receipt-mahalla = Махалля: { $mahalla }
receipt-terminal = Терминал: { $terminal }
receipt-service = Услуга
receipt-appeal = Обращение
receipt-code = Код квитанции
receipt-issued = Дата и время: { $issued }
receipt-collect = Где получить результат
receipt-check = Проверьте статус на любом терминале: отсканируйте QR-код или введите код.
test-title = Проверка принтера
test-letters = Ёё Йй Щщ Ъъ Ыы Ээ Юю Яя
