# The printed receipt, Karakalpak (Latin script).
# Every message below is translated; a message missing here falls back to uz-Latn, and such a
# fallback is written out as a comment "fallback: uz-Latn" next to the key.
receipt-title = Arza qabıl etildi
receipt-mahalla = Máhálle: { $mahalla }
receipt-terminal = Terminal: { $terminal }
receipt-service = Xızmet
receipt-appeal = Múrájat
receipt-code = Túbirtek kodı
receipt-issued = Sánesi hám waqtı: { $issued }
receipt-collect = Nátiyjeni alıw ornı
receipt-check = Jaǵdayın qálegen terminalda tekseriń: QR-kodtı skanerleń yamasa kodtı kiritiń.
test-title = Printerdi tekseriw
test-letters = Áá Ǵǵ Iı Ńń Óó Úú Ww
