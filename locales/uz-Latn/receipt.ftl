# The printed receipt, Uzbek (Latin script).
receipt-title = Ariza qabul qilindi
receipt-demo = NAMUNA KVITANSIYA: ariza hech qaysi idoraga yuborilmaydi.
receipt-mahalla = Mahalla: { $mahalla }
receipt-terminal = Terminal: { $terminal }
receipt-service = Xizmat
receipt-appeal = Murojaat
receipt-code = Kvitansiya kodi
receipt-issued = Sana va vaqt: { $issued }
receipt-collect = Natijani olish joyi
receipt-check = Holatini tekshirish: QR kodni telefoningiz bilan skanerlang yoki kodni istalgan mahalla terminalida kiriting.
test-title = Printer sinovi
test-letters = Oʻoʻ Gʻgʻ Shsh Chch ngʼ Sogʻliq
slip-title = Ariza holati
slip-printed = Chop etilgan: { $printed }
