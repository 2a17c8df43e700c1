# The printed receipt, English.
receipt-title = Application received
receipt-mahalla = Mahalla: { $mahalla }
receipt-terminal = Terminal: { $terminal }
receipt-service = Service
receipt-appeal = Appeal
receipt-code = Receipt code
receipt-issued = Date and time: { $issued }
receipt-collect = Where to collect the result
receipt-check = Check the status at any terminal: scan the QR code or enter the code.
test-title = Printer test
test-letters = Aa Qq Ww Xx Zz 0123456789
