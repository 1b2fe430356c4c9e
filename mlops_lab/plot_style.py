"""O estilo dos gráficos do curso: as cores e a fonte das figuras do livro e a vírgula decimal.

Os diagramas do livro (SVG, em ``book/figures/``) usam a fonte DejaVu Sans e uma paleta
sóbria; os gráficos do matplotlib seguem a mesma linha, com texto grande o bastante para
ler num celular e números no formato brasileiro (``0,72`` e ``1.234``, não ``0.72`` e
``1,234``).

Nada muda ao importar este módulo: quem quer o estilo chama :func:`use_course_style`
(os capítulos e notebooks fazem isso na primeira célula), e as funções do pacote que
desenham gráficos usam :func:`course_style` só enquanto desenham.
"""

from __future__ import annotations

import functools
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

__all__ = ["PALETTE", "br_number", "course_style", "styled", "use_course_style"]

#: Cores, na ordem em que as séries as recebem: azul, verde, ocre, vermelho, roxo, cinza.
PALETTE = ["#0969da", "#1a7f37", "#bf8700", "#cf222e", "#8250df", "#57606a"]
TEXT = "#24292f"
MUTED = "#57606a"

RC = {
    "font.family": "DejaVu Sans",
    "font.size": 12,
    "axes.titlesize": 13,
    "axes.titleweight": "bold",
    "axes.labelsize": 12,
    "xtick.labelsize": 11,
    "ytick.labelsize": 11,
    "legend.fontsize": 11,
    "figure.titlesize": 14,
    "axes.prop_cycle": None,  # preenchido em _rc(), para não importar o matplotlib aqui
    "axes.edgecolor": MUTED,
    "axes.labelcolor": TEXT,
    "axes.titlecolor": TEXT,
    "text.color": TEXT,
    "xtick.color": MUTED,
    "ytick.color": MUTED,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#d0d7de",
    "grid.linewidth": 0.8,
    "legend.frameon": False,
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "savefig.bbox": "tight",
    "figure.facecolor": "white",
    "axes.facecolor": "white",
}


def br_number(valor: float, casas: int | None = None) -> str:
    """Um número no formato brasileiro: vírgula decimal e ponto nos milhares.

    Parameters
    ----------
    valor : float
        O número.
    casas : int, opcional
        Casas decimais; sem elas, as que o número precisar (até 6, sem zeros à direita).

    Examples
    --------
    >>> br_number(0.72), br_number(1234.5, 1), br_number(1496), br_number(-0.5, 2)
    ('0,72', '1.234,5', '1.496', '-0,50')
    """
    if casas is None:
        texto = f"{valor:,.6f}".rstrip("0").rstrip(".")
    else:
        texto = f"{valor:,.{casas}f}"
    return texto.replace(",", "_").replace(".", ",").replace("_", ".")


def _rc() -> dict:
    from cycler import cycler

    return {**RC, "axes.prop_cycle": cycler(color=PALETTE)}


def _formatador_br():
    """Um ``ScalarFormatter`` do matplotlib que escreve os números como :func:`br_number`."""
    from matplotlib.ticker import ScalarFormatter

    class FormatadorBR(ScalarFormatter):
        def __call__(self, x, pos=None) -> str:
            return _trocar_separadores(super().__call__(x, pos))

        def get_offset(self):
            return _trocar_separadores(super().get_offset())

        def format_data_short(self, value):
            return _trocar_separadores(super().format_data_short(value))

    return FormatadorBR


def _trocar_separadores(texto: str) -> str:
    return texto.replace(",", "_").replace(".", ",").replace("_", ".")


def _escala_linear_br():
    """A escala linear padrão do matplotlib, com o formatador brasileiro nos eixos."""
    from matplotlib.scale import LinearScale

    formatador = _formatador_br()

    class LinearScaleBR(LinearScale):
        name = "linear"

        # O matplotlib 3.11 aposenta o parâmetro axis; o 3.10 o passa.
        def __init__(self, *_axis) -> None:
            super().__init__(None)

        def set_default_locators_and_formatters(self, axis):
            super().set_default_locators_and_formatters(axis)
            axis.set_major_formatter(formatador())

    return LinearScaleBR


def use_course_style() -> None:
    """Aplica o estilo do curso a todos os gráficos seguintes desta sessão.

    Troca a escala linear padrão do matplotlib por uma que escreve os números dos
    eixos com vírgula decimal. Chame uma vez, no início do notebook.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> use_course_style()
    >>> fig, ax = plt.subplots()
    >>> _ = ax.plot([0, 0.5, 1], [0, 0.25, 1])
    >>> fig.canvas.draw()
    >>> [t.get_text() for t in ax.get_yticklabels()][:3]
    ['−0,2', '0,0', '0,2']
    >>> plt.close(fig)
    """
    import matplotlib as mpl
    from matplotlib.scale import register_scale

    mpl.rcParams.update(_rc())
    register_scale(_escala_linear_br())


@contextmanager
def course_style() -> Iterator[None]:
    """O estilo do curso só dentro do bloco ``with`` (as funções do pacote usam assim).

    As cores e fontes valem dentro do bloco; os eixos criados nele recebem o
    formatador com vírgula decimal.
    """
    import matplotlib as mpl
    from matplotlib import scale

    anterior = scale._scale_mapping.get("linear")  # restaurada na saída do bloco
    with mpl.rc_context(_rc()):
        scale.register_scale(_escala_linear_br())
        try:
            yield
        finally:
            if anterior is not None:
                scale._scale_mapping["linear"] = anterior


def styled(funcao: Callable) -> Callable:
    """Decorador: a função desenha com o estilo do curso (:func:`course_style`).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> @styled
    ... def grafico():
    ...     fig, ax = plt.subplots()
    ...     ax.plot([0, 1], [0, 0.5])
    ...     return fig, ax
    >>> fig, ax = grafico()
    >>> fig.canvas.draw()
    >>> ax.get_yticklabels()[1].get_text(), ax.lines[0].get_color()
    ('0,0', '#0969da')
    >>> plt.close(fig)
    """
    @functools.wraps(funcao)
    def desenhar(*args, **kwargs):
        with course_style():
            return funcao(*args, **kwargs)

    return desenhar
