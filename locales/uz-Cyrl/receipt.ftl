# The printed receipt, Uzbek (Cyrillic script).
receipt-title = Ариза қабул қилинди
receipt-demo = НАМУНА КВИТАНЦИЯ: ариза ҳеч қайси идорага юборилмайди.
receipt-mahalla = Маҳалла: { $mahalla }
receipt-terminal = Терминал: { $terminal }
receipt-service = Хизмат
receipt-appeal = Мурожаат
receipt-code = Квитанция коди
receipt-issued = Сана ва вақт: { $issued }
receipt-collect = Натижани олиш жойи
receipt-check = Ҳолатини текшириш: QR кодни телефонингиз билан сканерланг ёки кодни исталган маҳалла терминалида киритинг.
test-title = Принтер синови
test-letters = Ўў Ққ Ғғ Ҳҳ Ёё Ъъ Соғлиқ
slip-title = Ариза ҳолати
slip-printed = Чоп этилган: { $printed }
