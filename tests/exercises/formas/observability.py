"""Formas de resposta, erradas e certas, das questões de "Observabilidade e escala"."""

from tests.exercises.formas._comum import letras


def _contar_certo(texto, rota):
    from prometheus_client.parser import text_string_to_metric_families

    return sum(s.value for f in text_string_to_metric_families(texto) for s in f.samples
               if s.name == "mlops_lab_http_requests_total" and s.labels.get("route") == rota)


def _contar_qualquer_metrica(texto, rota):
    from prometheus_client.parser import text_string_to_metric_families

    return sum(s.value for f in text_string_to_metric_families(texto) for s in f.samples
               if s.labels.get("route") == rota)


FORMAS = {
    "q1": {"erradas": [lambda: 0.005, lambda: 43.2, lambda: 3.6, lambda: "muito"],
           "certas": [lambda: 216.0, lambda: 216, lambda: "216,0"]},
    "q2": {"erradas": [lambda: 0.1, lambda: 14.4, lambda: 30],
           "certas": [lambda: 3.0, lambda: "3"]},
    "q3": letras("a", ["b", "c", "d"]),
    "q4": {"erradas": [lambda: (lambda texto, rota: texto.count(rota)),
                       lambda: _contar_qualquer_metrica,
                       lambda: (lambda texto, rota: 0.0)],
           "certas": [lambda: _contar_certo,
                      lambda: (lambda texto, rota: float(_contar_certo(texto, rota)))]},
}
