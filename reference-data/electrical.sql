-- Reference data for electrical contractors (installation, networks, maintenance).
INSERT INTO units (code, label_fr, label_en) VALUES
    ('u', 'unité', 'unit'),
    ('m', 'mètre linéaire', 'linear metre'),
    ('touret', 'touret', 'cable drum'),
    ('boite', 'boîte', 'box'),
    ('lot', 'lot', 'set'),
    ('h', 'heure', 'hour');

INSERT INTO work_types (code, label_fr, label_en) VALUES
    ('installation_neuve', 'Installation électrique neuve', 'New electrical installation'),
    ('renovation', 'Rénovation électrique', 'Electrical renovation'),
    ('tableau', 'Pose de tableau électrique', 'Distribution board installation'),
    ('eclairage', 'Éclairage', 'Lighting'),
    ('courants_faibles', 'Courants faibles (VDI)', 'Low-current systems (voice, data, video)'),
    ('irve', 'Bornes de recharge (IRVE)', 'EV charging points'),
    ('depannage', 'Dépannage', 'Breakdown repair'),
    ('maintenance', 'Maintenance préventive', 'Preventive maintenance');

INSERT INTO skills (code, label_fr, label_en) VALUES
    ('hab_b1v', 'Habilitation électrique B1V', 'Electrical clearance B1V'),
    ('hab_br', 'Habilitation électrique BR', 'Electrical clearance BR'),
    ('hab_bc', 'Habilitation électrique BC (consignation)', 'Electrical clearance BC (lockout)'),
    ('hab_h0', 'Habilitation H0 (haute tension, non électricien)', 'Clearance H0 (high voltage, non-electrician)'),
    ('qualif_irve', 'Qualification IRVE P2', 'EV charging qualification P2'),
    ('fibre', 'Raccordement fibre optique', 'Fibre optic splicing'),
    ('nacelle', 'CACES R486 (nacelle)', 'CACES R486 (aerial platform)');

INSERT INTO checklist_templates (code, label_fr, label_en, work_type) VALUES
    ('consignation', 'Consignation avant intervention', 'Lockout before work', 'depannage'),
    ('mise_en_service', 'Mise en service d''installation', 'Installation commissioning', 'installation_neuve'),
    ('borne_irve', 'Installation de borne IRVE', 'EV charger installation', 'irve');

INSERT INTO checklist_template_items (template, position, label_fr, label_en, requires_photo) VALUES
    ('consignation', 1, 'Séparation de l''ouvrage (coupure)', 'Isolate the circuit', false),
    ('consignation', 2, 'Condamnation en position d''ouverture (cadenas)', 'Lock in the open position (padlock)', true),
    ('consignation', 3, 'Vérification d''absence de tension (VAT)', 'Verify absence of voltage', true),
    ('consignation', 4, 'Mise à la terre et en court-circuit', 'Earth and short-circuit', false),
    ('mise_en_service', 1, 'Mesure de la résistance de terre', 'Earth resistance measured', true),
    ('mise_en_service', 2, 'Test des différentiels 30 mA', '30 mA RCD test', true),
    ('mise_en_service', 3, 'Repérage des circuits au tableau', 'Circuits labelled at the board', true),
    ('mise_en_service', 4, 'Attestation Consuel remise', 'Consuel certificate handed over', false),
    ('borne_irve', 1, 'Protection différentielle type A ou F en place', 'Type A or F RCD protection fitted', true),
    ('borne_irve', 2, 'Section de câble conforme à la puissance', 'Cable size matches the power rating', false),
    ('borne_irve', 3, 'Essai de charge réalisé', 'Charging test done', true);

INSERT INTO materials (reference, label_fr, label_en, category, unit) VALUES
    ('CAB-R2V-3G2.5', 'Câble R2V 3G2,5 mm²', 'R2V cable 3G2.5 mm²', 'câbles', 'm'),
    ('CAB-R2V-5G10', 'Câble R2V 5G10 mm²', 'R2V cable 5G10 mm²', 'câbles', 'm'),
    ('FIL-H07VU-1.5', 'Fil H07V-U 1,5 mm² bleu, couronne 100 m', 'H07V-U wire 1.5 mm² blue, 100 m coil', 'câbles', 'touret'),
    ('GAI-ICTA-20', 'Gaine ICTA Ø20', 'ICTA conduit Ø20', 'conduits', 'm'),
    ('DJ-PH-16A', 'Disjoncteur phase-neutre 16 A courbe C', 'Single-pole + neutral breaker 16 A curve C', 'protection', 'u'),
    ('ID-40A-30MA-A', 'Interrupteur différentiel 40 A 30 mA type A', 'RCD 40 A 30 mA type A', 'protection', 'u'),
    ('TAB-3R-13M', 'Tableau électrique 3 rangées 13 modules', 'Distribution board 3 rows 13 modules', 'tableaux', 'u'),
    ('PC-2P-T', 'Prise de courant 2P+T 16 A', 'Socket outlet 2P+E 16 A', 'appareillage', 'u'),
    ('BOI-ENC-67', 'Boîte d''encastrement Ø67', 'Flush box Ø67', 'appareillage', 'u'),
    ('LED-DALLE-600', 'Dalle LED 600x600 36 W', 'LED panel 600x600 36 W', 'éclairage', 'u'),
    ('BOR-IRVE-7KW', 'Borne de recharge 7,4 kW', 'EV charging point 7.4 kW', 'IRVE', 'u'),
    ('CHE-BORNES-WAGO', 'Bornes de connexion automatiques, boîte de 100', 'Push-in connectors, box of 100', 'connectique', 'boite');
