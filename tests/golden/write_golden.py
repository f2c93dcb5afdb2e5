"""The golden files, typed by hand from the manual's tables (pse-admin-module-manual.txt,
"Formatos archivos de recaudo – conciliación"; positions as in spec/layout-tables.md).

Every line is the concatenation of its fields' padded text, one literal per field,
with the field's columns and name in a comment. Numeric fields are right-aligned and
zero-filled, alphanumeric ones left-aligned and space-filled (the manual's closing
notes). This script does not import pse_recon: it is the reference the library is
checked against, not a product of it. Run it from anywhere to rewrite the files:

    python tests/golden/write_golden.py

The tests (tests/test_golden.py) check the committed files, not this script.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent

# -- Asobancaria 1998: 64 columns, whole pesos, sequence over the file ------------
ASOBANCARIA_1998 = [
    # 01 header
    "01"                            # 1-2     tipo_registro
    "0008909049961"                 # 3-15    nit_empresa: 890904996-1, 13 digits
    "20261120"                      # 16-23   fecha_pago: 2026-11-20
    "007"                           # 24-26   codigo_recaudo: Bancolombia 1007 -> 007
    "000012345678901"               # 27-41   cuenta_abono: 12345678901, 15 digits
    + " " * 23,                     # 42-64   filler
    # 02 detail 1
    "02"                            # 1-2     tipo_registro
    "0000000000000000000021053"     # 3-27    identificacion_usuario: 21053
    "0000000085400"                 # 28-40   valor_recaudado: $85,400
    "06"                            # 41-42   procedencia_pago (fixed)
    "0000002"                       # 43-49   secuencia: starts at 2
    + " " * 15,                     # 50-64   filler
    # 02 detail 2
    "02"                            # 1-2     tipo_registro
    "0000000000000000123456789"     # 3-27    identificacion_usuario: 123456789
    "0000001234567"                 # 28-40   valor_recaudado: $1,234,567
    "06"                            # 41-42   procedencia_pago
    "0000003"                       # 43-49   secuencia
    + " " * 15,                     # 50-64   filler
    # 02 detail 3
    "02"                            # 1-2     tipo_registro
    "0000000000000000000000007"     # 3-27    identificacion_usuario: 7
    "0000000250000"                 # 28-40   valor_recaudado: $250,000
    "06"                            # 41-42   procedencia_pago
    "0000004"                       # 43-49   secuencia
    + " " * 15,                     # 50-64   filler
    # 09 totals
    "09"                            # 1-2     tipo_registro
    "000000003"                     # 3-11    total_registros: 3
    "000000000001569967"            # 12-29   valor_total: 85,400 + 1,234,567 + 250,000 = 1,569,967
    + " " * 35,                     # 30-64   filler
]

# -- Asobancaria 2001 at 162 columns: two lots, a 2400 file time ------------------
ASOBANCARIA_2001_162 = [
    # 01 file header
    "01"                            # 1-2     tipo_registro
    "8909049961"                    # 3-12    nit_empresa: 890904996-1
    "20261120"                      # 13-20   fecha_pago: 2026-11-20
    "007"                           # 21-23   codigo_entidad_recaudadora: Bancolombia
    "12345678901      "             # 24-40   numero_cuenta (A, 17): 12345678901
    "20261121"                      # 41-48   fecha_archivo: 2026-11-21
    "2400"                          # 49-52   hora_archivo: 2400, end of day
    "A"                             # 53      modificador_archivo
    "02"                            # 54-55   tipo_cuenta: corriente
    + " " * 107,                    # 56-162  reservado
    # 05 lot header, lot 1
    "05"                            # 1-2     tipo_registro
    "7701234000011"                 # 3-15    codigo_servicio: EAN-13
    "0001"                          # 16-19   numero_lote: 1
    + " " * 143,                    # 20-162  reservado
    # 06 detail, lot 1
    "06"                            # 1-2     tipo_registro
    "000000000000000000000000000000000000000000021053"  # 3-50 referencia_principal: 21053
    "00000008540000"                # 51-64   valor_recaudado: 85,400.00
    "99"                            # 65-66   procedencia_pago: PSE
    "15"                            # 67-68   medio_pago: débito por internet
    "423355"                        # 69-74   numero_operacion: last 6 of the CUS
    "881205"                        # 75-80   numero_autorizacion
    "051"                           # 81-83   codigo_entidad_debitada: Davivienda
    "0003"                          # 84-87   codigo_sucursal: cycle 3
    "0000002"                       # 88-94   secuencia: 2
    "   "                           # 95-97   causal_devolucion: blank
    + " " * 65,                     # 98-162  reservado
    # 06 detail, lot 1
    "06"                            # 1-2     tipo_registro
    "000000000000000000000000000000000000000000987654"  # 3-50 referencia_principal: 987654
    "00000000123456"                # 51-64   valor_recaudado: 1,234.56
    "99"                            # 65-66   procedencia_pago
    "15"                            # 67-68   medio_pago
    "000000"                        # 69-74   numero_operacion: not given
    "000000"                        # 75-80   numero_autorizacion: not given
    "013"                           # 81-83   codigo_entidad_debitada: BBVA
    "0003"                          # 84-87   codigo_sucursal
    "0000003"                       # 88-94   secuencia: 3
    "   "                           # 95-97   causal_devolucion
    + " " * 65,                     # 98-162  reservado
    # 08 lot control, lot 1
    "08"                            # 1-2     tipo_registro
    "000000002"                     # 3-11    total_registros_lote: 2
    "000000000008663456"            # 12-29   valor_total_lote: 85,400.00 + 1,234.56 = 86,634.56
    "0001"                          # 30-33   numero_lote: 1
    + " " * 129,                    # 34-162  reservado
    # 05 lot header, lot 2
    "05"                            # 1-2     tipo_registro
    "7701234000028"                 # 3-15    codigo_servicio
    "0002"                          # 16-19   numero_lote: 2
    + " " * 143,                    # 20-162  reservado
    # 06 detail, lot 2
    "06"                            # 1-2     tipo_registro
    "000000000000000000000000000000000000009000000001"  # 3-50 referencia_principal
    "00000150000000"                # 51-64   valor_recaudado: 1,500,000.00
    "01"                            # 65-66   procedencia_pago: Bancos
    "02"                            # 67-68   medio_pago: cheque por ventanilla
    "000000"                        # 69-74   numero_operacion
    "000000"                        # 75-80   numero_autorizacion
    "001"                           # 81-83   codigo_entidad_debitada: Banco de Bogotá
    "0001"                          # 84-87   codigo_sucursal: cycle 1
    "0000002"                       # 88-94   secuencia: restarts at 2 in lot 2
    "   "                           # 95-97   causal_devolucion
    + " " * 65,                     # 98-162  reservado
    # 06 detail, lot 2
    "06"                            # 1-2     tipo_registro
    "000000000000000000000000000000000000009000000002"  # 3-50 referencia_principal
    "00000000000099"                # 51-64   valor_recaudado: 0.99
    "99"                            # 65-66   procedencia_pago
    "15"                            # 67-68   medio_pago
    "777777"                        # 69-74   numero_operacion
    "000001"                        # 75-80   numero_autorizacion
    "507"                           # 81-83   codigo_entidad_debitada: Nequi 1507
    "0004"                          # 84-87   codigo_sucursal
    "0000003"                       # 88-94   secuencia
    "   "                           # 95-97   causal_devolucion
    + " " * 65,                     # 98-162  reservado
    # 08 lot control, lot 2
    "08"                            # 1-2     tipo_registro
    "000000002"                     # 3-11    total_registros_lote: 2
    "000000000150000099"            # 12-29   valor_total_lote: 1,500,000.99
    "0002"                          # 30-33   numero_lote: 2
    + " " * 129,                    # 34-162  reservado
    # 09 file control
    "09"                            # 1-2     tipo_registro
    "000000004"                     # 3-11    total_registros: 4
    "000000000158663555"            # 12-29   valor_total: 86,634.56 + 1,500,000.99 = 1,586,635.55
    + " " * 133,                    # 30-162  reservado
]

# -- Asobancaria 2001, 150-column variant: every trailing reservado 12 shorter ----
ASOBANCARIA_2001_150 = [
    # 01 file header
    "01"                            # 1-2     tipo_registro
    "8600073361"                    # 3-12    nit_empresa: 860007336-1
    "20260102"                      # 13-20   fecha_pago: 2026-01-02
    "023"                           # 21-23   codigo_entidad_recaudadora: Occidente
    "CTA-0045678      "             # 24-40   numero_cuenta (A, 17): CTA-0045678
    "20260102"                      # 41-48   fecha_archivo
    "0001"                          # 49-52   hora_archivo: 00:01, the first legal time
    "Z"                             # 53      modificador_archivo
    "01"                            # 54-55   tipo_cuenta: ahorros
    + " " * 95,                     # 56-150  reservado (107 - 12)
    # 05 lot header, lot 1
    "05"                            # 1-2     tipo_registro
    "0000890900286"                 # 3-15    codigo_servicio: a NIT, zero-filled
    "0001"                          # 16-19   numero_lote
    + " " * 131,                    # 20-150  reservado (143 - 12)
    # 06 detail, lot 1
    "06"                            # 1-2     tipo_registro
    "000000000000000000000000000000000000000000000077"  # 3-50 referencia_principal: 77
    "99999999999999"                # 51-64   valor_recaudado: 999,999,999,999.99, the largest
    "99"                            # 65-66   procedencia_pago
    "15"                            # 67-68   medio_pago
    "000123"                        # 69-74   numero_operacion
    "000456"                        # 75-80   numero_autorizacion
    "019"                           # 81-83   codigo_entidad_debitada: Scotiabank Colpatria
    "0001"                          # 84-87   codigo_sucursal
    "0000002"                       # 88-94   secuencia
    "   "                           # 95-97   causal_devolucion
    + " " * 53,                     # 98-150  reservado (65 - 12)
    # 06 detail, lot 1
    "06"                            # 1-2     tipo_registro
    "000000000000000000000000000000000000000000000078"  # 3-50 referencia_principal: 78
    "00000000000001"                # 51-64   valor_recaudado: 0.01
    "99"                            # 65-66   procedencia_pago
    "15"                            # 67-68   medio_pago
    "000124"                        # 69-74   numero_operacion
    "000457"                        # 75-80   numero_autorizacion
    "019"                           # 81-83   codigo_entidad_debitada
    "0001"                          # 84-87   codigo_sucursal
    "0000003"                       # 88-94   secuencia
    "   "                           # 95-97   causal_devolucion
    + " " * 53,                     # 98-150  reservado
    # 08 lot control, lot 1
    "08"                            # 1-2     tipo_registro
    "000000002"                     # 3-11    total_registros_lote: 2
    "000100000000000000"            # 12-29   valor_total_lote: 1,000,000,000,000.00
    "0001"                          # 30-33   numero_lote
    + " " * 117,                    # 34-150  reservado (129 - 12)
    # 05 lot header, lot 2
    "05"                            # 1-2     tipo_registro
    "7709998887770"                 # 3-15    codigo_servicio: EAN-13
    "0002"                          # 16-19   numero_lote
    + " " * 131,                    # 20-150  reservado
    # 06 detail, lot 2
    "06"                            # 1-2     tipo_registro
    "000000000000000000000000000000000000000000000079"  # 3-50 referencia_principal: 79
    "00000000030000"                # 51-64   valor_recaudado: 300.00
    "99"                            # 65-66   procedencia_pago
    "15"                            # 67-68   medio_pago
    "000125"                        # 69-74   numero_operacion
    "000458"                        # 75-80   numero_autorizacion
    "040"                           # 81-83   codigo_entidad_debitada: Banco Agrario
    "0002"                          # 84-87   codigo_sucursal
    "0000002"                       # 88-94   secuencia
    "   "                           # 95-97   causal_devolucion
    + " " * 53,                     # 98-150  reservado
    # 08 lot control, lot 2
    "08"                            # 1-2     tipo_registro
    "000000001"                     # 3-11    total_registros_lote: 1
    "000000000000030000"            # 12-29   valor_total_lote: 300.00
    "0002"                          # 30-33   numero_lote
    + " " * 117,                    # 34-150  reservado
    # 09 file control
    "09"                            # 1-2     tipo_registro
    "000000003"                     # 3-11    total_registros: 3
    "000100000000030000"            # 12-29   valor_total: 1,000,000,000,300.00
    + " " * 121,                    # 30-150  reservado (133 - 12)
]

# -- Andesco: 110 columns, numeric account, secondary reference --------------------
ANDESCO = [
    # 01 file header
    "01"                            # 1-2     tipo_registro
    "8110010308"                    # 3-12    nit_empresa: 811001030-8
    "20250630"                      # 13-20   fecha_pago: 2025-06-30
    "051"                           # 21-23   codigo_entidad_recaudadora: Davivienda
    "00000000045678912"             # 24-40   numero_cuenta (N, 17): 45678912
    "20250701"                      # 41-48   fecha_archivo: 2025-07-01
    "1"                             # 49      modificador_archivo
    + " " * 61,                     # 50-110  reservado
    # 05 lot header, lot 1
    "05"                            # 1-2     tipo_registro
    "7701234567897"                 # 3-15    codigo_servicio: EAN-13
    "0001"                          # 16-19   numero_lote
    + " " * 91,                     # 20-110  reservado
    # 06 detail, lot 1
    "06"                            # 1-2     tipo_registro
    "000000000000004455667788"      # 3-26    referencia_principal: 4455667788
    "00000004567890"                # 27-40   valor_recaudado: 45,678.90
    "99"                            # 41-42   procedencia_pago
    "15"                            # 43-44   medio_pago
    "654321"                        # 45-50   numero_operacion
    "123456"                        # 51-56   numero_autorizacion
    "007"                           # 57-59   codigo_entidad_debitada: Bancolombia
    "0001"                          # 60-63   codigo_sucursal
    "000000000000000000000000"      # 64-87   referencia_secundaria: not given
    "0000002"                       # 88-94   secuencia
    + " " * 16,                     # 95-110  reservado
    # 06 detail, lot 1
    "06"                            # 1-2     tipo_registro
    "000000000000000000000042"      # 3-26    referencia_principal: 42
    "00000000010000"                # 27-40   valor_recaudado: 100.00
    "99"                            # 41-42   procedencia_pago
    "15"                            # 43-44   medio_pago
    "000000"                        # 45-50   numero_operacion
    "000000"                        # 51-56   numero_autorizacion
    "051"                           # 57-59   codigo_entidad_debitada: Davivienda
    "0001"                          # 60-63   codigo_sucursal
    "000000000000000000987654"      # 64-87   referencia_secundaria: 987654
    "0000003"                       # 88-94   secuencia
    + " " * 16,                     # 95-110  reservado
    # 08 lot control, lot 1
    "08"                            # 1-2     tipo_registro
    "000000002"                     # 3-11    total_registros_lote: 2
    "000000000004577890"            # 12-29   valor_total_lote: 45,678.90 + 100.00 = 45,778.90
    "0001"                          # 30-33   numero_lote
    + " " * 77,                     # 34-110  reservado
    # 05 lot header, lot 2
    "05"                            # 1-2     tipo_registro
    "7701234567880"                 # 3-15    codigo_servicio
    "0002"                          # 16-19   numero_lote
    + " " * 91,                     # 20-110  reservado
    # 06 detail, lot 2
    "06"                            # 1-2     tipo_registro
    "000000000000000000000077"      # 3-26    referencia_principal: 77
    "00001234567891"                # 27-40   valor_recaudado: 12,345,678.91
    "99"                            # 41-42   procedencia_pago
    "15"                            # 43-44   medio_pago
    "111111"                        # 45-50   numero_operacion
    "222222"                        # 51-56   numero_autorizacion
    "001"                           # 57-59   codigo_entidad_debitada: Banco de Bogotá
    "0002"                          # 60-63   codigo_sucursal
    "000000000000000000000000"      # 64-87   referencia_secundaria
    "0000002"                       # 88-94   secuencia: restarts in lot 2
    + " " * 16,                     # 95-110  reservado
    # 08 lot control, lot 2
    "08"                            # 1-2     tipo_registro
    "000000001"                     # 3-11    total_registros_lote: 1
    "000000001234567891"            # 12-29   valor_total_lote: 12,345,678.91
    "0002"                          # 30-33   numero_lote
    + " " * 77,                     # 34-110  reservado
    # 09 file control
    "09"                            # 1-2     tipo_registro
    "000000003"                     # 3-11    total_registros: 3
    "000000001239145781"            # 12-29   valor_total: 45,778.90 + 12,345,678.91 = 12,391,457.81
    + " " * 81,                     # 30-110  reservado
]

# -- PSE, one type-2 line per authorizing bank and state: 39 / 52 / 44 ------------
PSE_SUMMARY = [
    # 1 header (39)
    "1"                             # 1       registro
    "00001007"                      # 2-9     codigo_entidad_origen
    "20261120"                      # 10-17   fecha_cierre_ciclo: 2026-11-20
    "183000"                        # 18-23   hora_cierre_ciclo: 18:30:00
    "3"                             # 24      codigo_ciclo
    "000008909049961",              # 25-39   codigo_empresa
    # 2 bank and state (52)
    "2"                             # 1       registro
    "1"                             # 2       estado: approved
    "00001007"                      # 3-10    codigo_entidad: Bancolombia
    "000003"                        # 11-16   total_transacciones: 3
    "000000000025400000"            # 17-34   valor_transacciones: 254,000.00
    "000000000000000000",           # 35-52   valor_iva: 0.00
    # 2 bank and state (52)
    "2"                             # 1       registro
    "1"                             # 2       estado: approved
    "00001051"                      # 3-10    codigo_entidad: Davivienda
    "000002"                        # 11-16   total_transacciones: 2
    "000000000000123456"            # 17-34   valor_transacciones: 1,234.56
    "000000000000019753",           # 35-52   valor_iva: 197.53
    # 2 bank and state (52)
    "2"                             # 1       registro
    "2"                             # 2       estado: rejected
    "00001007"                      # 3-10    codigo_entidad: Bancolombia
    "000001"                        # 11-16   total_transacciones: 1
    "000000000005000000"            # 17-34   valor_transacciones: 50,000.00
    "000000000000000000",           # 35-52   valor_iva
    # 3 state totals (44), one per state 1-4
    "3"                             # 1       registro
    "1"                             # 2       estado: approved
    "000005"                        # 3-8     cantidad_registros: 3 + 2
    "000000000025523456"            # 9-26    valor_total: 254,000.00 + 1,234.56 = 255,234.56
    "000000000000019753",           # 27-44   valor_iva: 197.53
    "3"                             # 1       registro
    "2"                             # 2       estado: rejected
    "000001"                        # 3-8     cantidad_registros
    "000000000005000000"            # 9-26    valor_total: 50,000.00
    "000000000000000000",           # 27-44   valor_iva
    "3"                             # 1       registro
    "3"                             # 2       estado: pending
    "000000"                        # 3-8     cantidad_registros
    "000000000000000000"            # 9-26    valor_total
    "000000000000000000",           # 27-44   valor_iva
    "3"                             # 1       registro
    "4"                             # 2       estado: failed
    "000000"                        # 3-8     cantidad_registros
    "000000000000000000"            # 9-26    valor_total
    "000000000000000000",           # 27-44   valor_iva
]

# -- PSE, one type-2 line per transaction: 39 / 235 / 44 ---------------------------
PSE_DETAIL = [
    # 1 header (39)
    "1"                             # 1       registro
    "00001007"                      # 2-9     codigo_entidad_origen
    "20261120"                      # 10-17   fecha_cierre_ciclo
    "183000"                        # 18-23   hora_cierre_ciclo
    "3"                             # 24      codigo_ciclo
    "000008909049961",              # 25-39   codigo_empresa
    # 2 transaction (235)
    "2"                             # 1       registro
    "1"                             # 2       estado: approved
    "00000000000000021053"          # 3-22    ticket_id
    "12345678"                      # 23-30   cus
    "00001051"                      # 31-38   codigo_entidad: Davivienda
    "0000000011"                    # 39-48   codigo_servicio
    "00001007"                      # 49-56   entidad_credito: Bancolombia
    "12345678901      "             # 57-73   cuenta_credito (A, 17)
    "000000000008540000"            # 74-91   valor_transaccion: 85,400.00
    "000000000000000000"            # 92-109  valor_iva: 0.00
    "AUT-881205" + " " * 40 +       # 110-159 codigo_autorizacion (A, 50)
    "21053               "          # 160-179 referencia_1
    "GAS NATURAL BOGOTÁ  "          # 180-199 referencia_2 (Á is one latin-1 byte)
    "                    "          # 200-219 referencia_3: blank
    "1"                             # 220     canal_pago: always 1
    "20261120"                      # 221-228 fecha_proceso
    "143015"                        # 229-234 hora_registro_pse: 14:30:15
    "3",                            # 235     ciclo_proceso
    # 2 transaction (235)
    "2"                             # 1       registro
    "2"                             # 2       estado: rejected
    "00000000000000021054"          # 3-22    ticket_id
    "12345679"                      # 23-30   cus
    "00001007"                      # 31-38   codigo_entidad: Bancolombia
    "0000000011"                    # 39-48   codigo_servicio
    "00001007"                      # 49-56   entidad_credito
    "12345678901      "             # 57-73   cuenta_credito
    "000000000000123456"            # 74-91   valor_transaccion: 1,234.56
    "000000000000019753"            # 92-109  valor_iva: 197.53
    + " " * 50 +                    # 110-159 codigo_autorizacion: blank (rejected)
    "21054               "          # 160-179 referencia_1
    "                    "          # 180-199 referencia_2
    "                    "          # 200-219 referencia_3
    "1"                             # 220     canal_pago
    "20261120"                      # 221-228 fecha_proceso
    "235959"                        # 229-234 hora_registro_pse: 23:59:59
    "3",                            # 235     ciclo_proceso
    # 2 transaction (235)
    "2"                             # 1       registro
    "1"                             # 2       estado: approved
    "00000000000000021055"          # 3-22    ticket_id
    "12345680"                      # 23-30   cus
    "00001507"                      # 31-38   codigo_entidad: Nequi
    "0000000011"                    # 39-48   codigo_servicio
    "00001007"                      # 49-56   entidad_credito
    "12345678901      "             # 57-73   cuenta_credito
    "000000000000001000"            # 74-91   valor_transaccion: 10.00
    "000000000000000160"            # 92-109  valor_iva: 1.60
    "0000007" + " " * 43 +          # 110-159 codigo_autorizacion
    "21055               "          # 160-179 referencia_1
    "                    "          # 180-199 referencia_2
    "REF-3               "          # 200-219 referencia_3
    "1"                             # 220     canal_pago
    "20261120"                      # 221-228 fecha_proceso
    "000000"                        # 229-234 hora_registro_pse: midnight
    "2",                            # 235     ciclo_proceso
    # 3 state totals (44): states 1-4, then the grand total (state 9)
    "3"                             # 1       registro
    "1"                             # 2       estado: approved
    "000002"                        # 3-8     cantidad_registros: 2
    "000000000008541000"            # 9-26    valor_total: 85,400.00 + 10.00 = 85,410.00
    "000000000000000160",           # 27-44   valor_iva: 0.00 + 1.60
    "3"                             # 1       registro
    "2"                             # 2       estado: rejected
    "000001"                        # 3-8     cantidad_registros
    "000000000000123456"            # 9-26    valor_total: 1,234.56
    "000000000000019753",           # 27-44   valor_iva: 197.53
    "3"                             # 1       registro
    "3"                             # 2       estado: pending
    "000000"                        # 3-8     cantidad_registros
    "000000000000000000"            # 9-26    valor_total
    "000000000000000000",           # 27-44   valor_iva
    "3"                             # 1       registro
    "4"                             # 2       estado: failed
    "000000"                        # 3-8     cantidad_registros
    "000000000000000000"            # 9-26    valor_total
    "000000000000000000",           # 27-44   valor_iva
    "3"                             # 1       registro
    "9"                             # 2       estado: grand total (PSE_GRAND_TOTAL_STATE)
    "000003"                        # 3-8     cantidad_registros: 3
    "000000000008664456"            # 9-26    valor_total: 85,410.00 + 1,234.56 = 86,644.56
    "000000000000019913",           # 27-44   valor_iva: 1.60 + 197.53 = 199.13
]

# file name → (lines, width of each record type by its leading code)
GOLDEN = {
    "asobancaria-1998.txt": (ASOBANCARIA_1998, {"01": 64, "02": 64, "09": 64}),
    "asobancaria-2001-162.txt": (ASOBANCARIA_2001_162, dict.fromkeys(("01", "05", "06", "08", "09"), 162)),
    "asobancaria-2001-150.txt": (ASOBANCARIA_2001_150, dict.fromkeys(("01", "05", "06", "08", "09"), 150)),
    "andesco.txt": (ANDESCO, dict.fromkeys(("01", "05", "06", "08", "09"), 110)),
    "pse-summary.txt": (PSE_SUMMARY, {"1": 39, "2": 52, "3": 44}),
    "pse-detail.txt": (PSE_DETAIL, {"1": 39, "2": 235, "3": 44}),
}


def main() -> None:
    for name, (lines, widths) in GOLDEN.items():
        for number, line in enumerate(lines, 1):
            code = line[: len(next(iter(widths)))]
            if len(line) != widths[code]:
                raise SystemExit(f"{name} line {number}: {len(line)} columns, not {widths[code]}")
        (HERE / name).write_bytes("".join(line + "\n" for line in lines).encode("latin-1"))


if __name__ == "__main__":
    main()
